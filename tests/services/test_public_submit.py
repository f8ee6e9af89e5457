"""``services.public.submit`` takes plain values, not a form: what the form and the API hand
over (``forms.submission.intake_of``) can be built by any caller."""

from datetime import date

import pytest

from complaints_process.models import Feedback
from complaints_process.services.public import ComplaintIntake, FeedbackIntake, submit
from tests.factories import publish_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def walsall():
    return publish_seed("walsall")


def test_a_complaint_is_filed_from_plain_values(walsall):
    filing = {
        "points": ["The respite care we were promised did not start."],
        "channel": "online",
        "complainant_name": "Sam Example",
        "complainant_email": "sam@example.org",
        "complainant_relationship": "parent_or_carer",
        "child_name": "Alex Example",
        "service": "Children's disability team",
        "what_happened": "The respite care we were promised did not start.",
        "happened_on": date(2026, 3, 1),
    }
    intake = ComplaintIntake(filing=filing, child_consent="given", consent_from="child")
    filed = submit(walsall, intake=intake, submission_key="k" * 20, body_hash="body")
    case = filed.case
    assert (case.complainant_name, case.channel, case.child_name) == ("Sam Example", "online", "Alex Example")
    assert (case.child_consent, case.child_consent_notes) == (
        "given",
        "As the complainant told us on the online form (the child's consent).",
    )
    assert filed.token and filed.created
    assert submit(walsall, intake=intake, submission_key="k" * 20, body_hash="body").case == case  # the same key files once


def test_a_compliment_is_recorded_from_plain_values(walsall):
    slug = walsall.current_version().config().procedures[0].slug
    intake = FeedbackIntake(kind="compliment", procedure_slug=slug, service=" Fostering ", message=" Thank you. ", name="Sam Example")
    filed = submit(walsall, intake=intake)
    assert filed.case is None
    assert Feedback.objects.values_list("kind", "service", "message", "name").get(pk=filed.feedback.pk) == (
        "compliment",
        "Fostering",
        "Thank you.",
        "Sam Example",
    )


def test_submit_refuses_a_form_in_place_of_plain_values(walsall):
    with pytest.raises(TypeError):
        submit(walsall, object())
