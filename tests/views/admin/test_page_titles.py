"""Every custom admin page shows its name as a visible heading, not "Home" (Wagtail's slim
header shows only the breadcrumbs and keeps the h1 for screen readers)."""

import re

import pytest
from django.urls import reverse

from complaints_process.modeladmin import case_url

pytestmark = pytest.mark.django_db


def visible_h1(html: str) -> str:
    headings = re.findall(r"<h1([^>]*)>(.*?)</h1>", html, re.S)
    visible = [re.sub(r"<[^>]+>", "", text) for attrs, text in headings if "w-sr-only" not in attrs]
    assert len(visible) == 1, headings
    return " ".join(visible[0].split())


def breadcrumbs(html: str) -> str:
    nav = html.split('aria-label="Breadcrumb">', 1)[1].split("</nav>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", nav).split())


def test_process_pages_name_themselves(as_user, process_admin, walsall):
    client = as_user(process_admin)
    pages = {
        reverse("complaints_process_config:index"): "Process configuration",
        reverse("complaints_process_config:edit", args=["walsall"]): "Edit the process: Walsall Council",
        reverse("complaints_process_config:form", args=["walsall"]): "Edit the timescales: Walsall Council",
        reverse("complaints_process_config:history", args=["walsall"]): "Process versions: Walsall Council",
    }
    for url, title in pages.items():
        html = client.get(url).content.decode()
        assert visible_h1(html) == title, url
        assert f"<title>{title}".replace("'", "&#x27;") in html
    trail = breadcrumbs(client.get(reverse("complaints_process_config:history", args=["walsall"])).content.decode())
    assert trail.startswith("Home") and "Process configuration" in trail and trail.endswith("Process versions: Walsall Council")


def test_case_pages_name_themselves(as_user, manager, walsall_case):
    client = as_user(manager)
    action = client.get(reverse("complaints_cases:action", args=[walsall_case.pk, "accept"])).content.decode()
    assert visible_h1(action) == f"Accept {walsall_case.reference}"
    assert walsall_case.reference in breadcrumbs(action) and f'href="{case_url(walsall_case)}"' in action
    record = client.get(reverse("complaints_cases:create")).content.decode()
    assert visible_h1(record) == "Record a complaint"
    assert breadcrumbs(record) == "Home Cases Record a complaint"


def test_reports_diagrams_and_subject_access_name_themselves(as_user, manager, walsall):
    client = as_user(manager)
    assert visible_h1(client.get(reverse("complaints_reports:index")).content.decode()) == "Complaints reports"
    assert visible_h1(client.get(reverse("complaints_diagrams:index")).content.decode()) == "Procedure diagrams"
    assert visible_h1(client.get(reverse("complaints_subject_access:index")).content.decode()) == "Subject access export"
