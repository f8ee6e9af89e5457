"""The demo site with its complaint forms, and helpers to fill them in."""

import pytest
from django.core.cache import cache

from tests.demo import page_url  # noqa: F401 (the form tests import it from here)

SEED_SLUGS = ["council-a", "family-advice", "council-b", "hampshire", "walsall"]
#: The seed pages with a complaint form: the family advice page (001) is general advice to
#: parents, not a council, and offers none (its procedure's voice is "advice").
FORM_SLUGS = [slug for slug in SEED_SLUGS if slug != "family-advice"]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def valid_post(slug: str, **changes) -> dict:
    """A complete complaint for the seed authority's form, as a browser posts it."""
    data = {
        "submission_key": "",
        "complainant_relationship": "parent_or_carer",
        "complainant_name": "Sam Example",
        "child_name": "Alex Example",
        "child_agrees": "yes",
        "about_statutory": "yes",
        "service": "Children's disability team",
        "what_happened": "The respite care we were promised did not start.",
        "happened_on-day": "1",
        "happened_on-month": "3",
        "happened_on-year": "2026",
        "desired_outcome": "Start the respite care.",
        "preferred_contact": "email",
        "complainant_email": "sam@example.org",
        "kind": "complaint",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
