"""Which annual reports an authority has, what each is called and which cases it counts.

Ashby Vale (an example council) runs the English children's statutory procedure (2006
Regulations) and the adults' procedure (2009 Regulations) side by side, both statutory: each
has a report of its own, so an adult's complaint is never counted in the Regulation 13 report
on children's social care.  An authority with one procedure of a kind keeps the report keyed by
that kind ("statutory", "corporate").  A procedure other than the English children's one has an
annual report named after it.
"""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from complaints_process.reports.period import parse_period
from complaints_process.reports.queries import collect, report_groups
from tests.factories import GLENMORAY, ComplaintFactory, UserFactory, publish_seed

pytestmark = pytest.mark.django_db
FY = parse_period("2025-26")


@pytest.fixture
def ashby_vale():
    with time_machine.travel(date(2025, 6, 2), tick=False):
        authority = publish_seed("ashby-vale")
        ComplaintFactory(authority=authority, received_on=date(2025, 6, 2), procedure_slug="childrens-statutory")
        ComplaintFactory(
            authority=authority,
            received_on=date(2025, 6, 2),
            procedure_slug="adult-social-care",
            complainant_relationship="representative",
            child_name="",
        )
    return authority


def test_two_statutory_procedures_have_a_report_each(ashby_vale):
    assert [(g.key, g.label, g.kind) for g in report_groups(ashby_vale)] == [
        ("childrens-statutory", "Children's statutory complaints", "statutory"),
        ("adult-social-care", "Adult social care complaints", "statutory"),
    ]
    children = collect(ashby_vale, FY, "childrens-statutory")
    adults = collect(ashby_vale, FY, "adult-social-care")
    assert [row.procedure_slug for row in children.rows] == ["childrens-statutory"]
    assert [row.procedure_slug for row in adults.rows] == ["adult-social-care"]


def test_the_index_lists_both_and_each_opens(client, ashby_vale):
    client.force_login(UserFactory(is_superuser=True))
    index = client.get(reverse("complaints_reports:index")).content.decode()
    for key, title in (("childrens-statutory", "Children's statutory complaints"), ("adult-social-care", "Adult social care complaints")):
        url = reverse("complaints_reports:report", args=["ashby-vale", key, "2025-26"])
        assert url in index
        page = client.get(url)
        assert page.status_code == 200
        assert title in page.content.decode().replace("&#x27;", "'")
    # Ashby Vale has no single statutory report that would mix the two.
    assert client.get(reverse("complaints_reports:report", args=["ashby-vale", "statutory", "2025-26"])).status_code == 404


def test_one_procedure_of_a_kind_keeps_the_kinds_report():
    walsall = publish_seed("walsall")
    assert [(g.key, g.label) for g in report_groups(walsall)] == [("statutory", "Children's statutory complaints")]
    council_a = publish_seed("council-a")
    assert [g.key for g in report_groups(council_a)] == ["statutory", "corporate"]


def test_a_scottish_procedure_has_a_report_named_after_it():
    from complaints_process.core.config import load_authority_text
    from complaints_process.services.configs import publish_config
    from tests.factories import CONFIGS

    config = load_authority_text(GLENMORAY, name="g.yaml", configs_root=CONFIGS)
    glenmoray = publish_config(config, source_text=GLENMORAY, source_name="g.yaml").version.authority
    assert [(g.key, g.label) for g in report_groups(glenmoray)] == [("statutory", "Social work complaints")]
