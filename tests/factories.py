"""factory_boy factories for the domain tests.

Authorities come from the seed configs (``publish_seed``), never invented: the tests walk
the real procedures.  ``ComplaintFactory`` files a case through ``file_complaint`` (the only
way a case is made), so every case has its reference, pinned version and first deadlines.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import factory
from django.contrib.auth import get_user_model

from complaints_process.core.config import load_authority_file, load_authority_text
from complaints_process.models import Authority, AuthorityTeam
from complaints_process.services.cases import file_complaint
from complaints_process.services.configs import publish_config
from council_site.home.demo_content import SEED_REASON

CONFIGS = Path(__file__).resolve().parents[1] / "process_configs"
SEED_SLUGS = ("council-a", "council-b", "family-advice", "hampshire", "walsall")


def publish_seed(slug: str, *, text_change=None) -> Authority:
    """Publish the seed config ``slug`` (optionally with its YAML text changed) and return the authority."""
    path = CONFIGS / f"{slug}.yaml"
    text = path.read_text(encoding="utf-8")
    if text_change is None:
        config = load_authority_file(path, configs_root=CONFIGS)
    else:
        text = text_change(text)
        config = load_authority_text(text, name=str(path), configs_root=CONFIGS)
    return publish_config(config, source_text=text, source_name=f"process_configs/{slug}.yaml", reason=SEED_REASON).version.authority


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.test")

    @factory.post_generation
    def teams(user, create, extracted, **kwargs):
        """``UserFactory(teams=[(authority, "complaints_officer"), ...])``"""
        for authority, role in extracted or ():
            user.groups.add(AuthorityTeam.objects.get(authority=authority, role=role).group)


class ComplaintFactory(factory.Factory):
    """Files a complaint: ``ComplaintFactory(authority=..., received_on=date(2026, 3, 2))``."""

    class Meta:
        model = dict

    authority = None
    user = None
    received_on = date(2026, 3, 2)
    points = ("The social worker did not return calls.", "The review meeting was cancelled without notice.")
    complainant_name = "Alex Example"
    complainant_email = "alex@example.test"
    complainant_relationship = "parent_or_carer"
    child_name = "Sam Example"
    service = "Children's social care"
    what_happened = "Calls were not returned for three weeks."
    desired_outcome = "An apology and a named worker."

    @classmethod
    def _create(cls, model_class, **kwargs):
        authority = kwargs.pop("authority")
        return file_complaint(authority, **kwargs)

    _build = _create


#: A Scottish council on the SPSO model complaints handling procedure, and a Welsh council
#: under the 2014 Regulations: the templates' shapes other than the English statutory one.
GLENMORAY = """
authority:
  slug: glenmoray
  name: Glenmoray Council
  reference_prefix: GLM
  calendar: {nation: scotland}
procedures:
  - slug: social-work
    extends: base/spso-model-chp
"""

AFONWEN = """
authority:
  slug: afonwen
  name: Afonwen County Council
  reference_prefix: AFW
  calendar: {nation: wales}
procedures:
  - slug: social-services
    extends: base/social-services-wales-2014
"""
