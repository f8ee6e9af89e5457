"""The ombudsman's time limit, where the law sets one in the template, is on the page and in the
email that closes the case.

The SPSO template quotes the Scottish Public Services Ombudsman Act 2002, s.10(1): the SPSO does
not consider a complaint made "later than the end of the period of 12 months beginning with the
day on which the person aggrieved first had notice of the matter complained of" (unless special
circumstances make it proper to, s.10(3): hence "usually").  The English statutory template sets
no time limit, so its pages and emails say none.
"""

from datetime import date

import pytest
from django.core import mail

from complaints_process.core import wording
from complaints_process.core.config import load_authority_text
from complaints_process.services import cases as svc
from complaints_process.services.configs import publish_config
from complaints_process.work import outbox
from tests.factories import CONFIGS, GLENMORAY, ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db

SPSO_LIMIT = (
    "The Scottish Public Services Ombudsman usually looks only at a complaint made to them within "
    "12 months of the day you first knew about the matter you are complaining about."
)


def test_the_spso_procedure_states_its_time_limit_on_the_page():
    spso = load_authority_text(GLENMORAY, name="g.yaml", configs_root=CONFIGS).procedures[0]
    assert spso.ombudsman.time_limit == "12 months of the day you first knew about the matter you are complaining about"
    assert wording.ombudsman_sentences(spso)[-1] == SPSO_LIMIT


def test_the_english_statutory_procedure_states_none(walsall):
    statutory = walsall.current_version().config().procedure("childrens-statutory")
    assert statutory.ombudsman.time_limit is None
    assert not any("usually looks only" in sentence for sentence in wording.ombudsman_sentences(statutory))


def test_the_closing_email_gives_the_spso_time_limit(clock):
    config = load_authority_text(GLENMORAY, name="g.yaml", configs_root=CONFIGS)
    authority = publish_config(config, source_text=GLENMORAY, source_name="g.yaml").version.authority
    admin = UserFactory(is_superuser=True)
    clock.day(date(2026, 12, 1))
    case = ComplaintFactory(authority=authority, received_on=date(2026, 12, 1))
    case = svc.accept(case, user=admin)
    case = svc.respond(case, user=admin, outcomes={1: "not_upheld", 2: "not_upheld"}, sent_by="email")
    case = svc.escalate(case, user=admin)
    case = svc.acknowledge_escalation(case, user=admin)
    case = svc.respond(case, user=admin, outcomes={1: "upheld", 2: "upheld"}, sent_by="email")
    outbox.flush()
    mail.outbox.clear()
    svc.close(case, user=admin)
    outbox.flush()
    [closing] = [m for m in mail.outbox if m.to == ["alex@example.test"]]
    assert "Scottish Public Services Ombudsman" in closing.body
    assert SPSO_LIMIT in " ".join(closing.body.split())
    assert SPSO_LIMIT in " ".join(closing.alternatives[0][0].split())
