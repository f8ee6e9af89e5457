"""CSRF on every form: each POST form the site renders refuses a submission without its token.

The pages are visited as the people who see them (a member of the public; a superuser in the
admin, who sees every case action), every ``<form method="post">`` on them is collected, and
each is posted back, with the same session but without the CSRF token, through a client that
enforces CSRF as browsers meet it: 403 every time, and nothing changes.  The enumeration
must find the forms known today (the complaint form, the status lookup, the escalate button,
the case search, each case action, recording a complaint, the config editor, Wagtail's own
forms), so a new form is covered as soon as a page shows it.
"""

from datetime import date
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from complaints_process import services
from complaints_process.modeladmin import case_index_url, case_url
from complaints_process.models import Authority, Complaint, GuidancePage
from complaints_process.views.admin_actions import available_actions
from tests.factories import UserFactory
from tests.views.public.conftest import FORM_SLUGS, SEED_SLUGS, page_url, valid_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


class Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self.current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self.current = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self.current)
        elif self.current is not None and tag in ("input", "textarea", "select", "button") and attrs.get("name"):
            self.current["fields"].setdefault(attrs["name"], attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def post_forms(client, url):
    response = client.get(url, follow=True)  # a status link is exchanged for a session, then redirected
    assert response.status_code == 200, url
    parser = Forms()
    parser.feed(response.content.decode())
    return [(urljoin(url, form["action"] or url), form["fields"]) for form in parser.forms]


def snapshot():
    return sorted(Complaint.objects.values_list("reference", "state", "complainant_name", "owner_id"))


def refused_without_token(client, forms):
    """Post each form with the same session cookie but no token; every one is refused."""
    checked = []
    for action, fields in forms:
        if not urlsplit(action).path.startswith("/admin/pages/"):  # Wagtail's editor posts some forms by script
            assert "csrfmiddlewaretoken" in fields, f"the form posting to {action} has no CSRF token"
        forged = Client(enforce_csrf_checks=True)
        forged.cookies = client.cookies  # the victim's session, as a cross-site request carries it
        data = {name: value for name, value in fields.items() if name != "csrfmiddlewaretoken"}
        before = snapshot()
        response = forged.post(urlsplit(action).path, data)
        assert response.status_code == 403, f"{action} accepted a POST without the CSRF token ({response.status_code})"
        assert snapshot() == before
        checked.append(urlsplit(action).path)
    return checked


def test_every_public_form_refuses_a_post_without_its_token():
    public = Client()
    forms = []
    for slug in SEED_SLUGS:
        forms += post_forms(public, page_url(slug))
    forms += post_forms(public, reverse("complaints_process:status_lookup"))
    with time_machine.travel(date(2026, 3, 2), tick=False):
        response = public.post(page_url("walsall"), valid_post("walsall"))
        link = public.get(response["Location"]).content.decode().split('id="status-link"')[0].rsplit('href="', 1)[1].split('"')[0]
    case = Complaint.objects.get()
    manager = UserFactory(is_superuser=True)
    with time_machine.travel(date(2026, 3, 10), tick=False):
        services.cases.accept(case, user=manager)
        services.cases.acknowledge(Complaint.objects.get(pk=case.pk), user=manager)
        services.cases.respond(Complaint.objects.get(pk=case.pk), user=manager, outcomes={1: "not_upheld"})
        forms += post_forms(public, link.replace("&amp;", "&"))
        checked = refused_without_token(public, forms)
    # The family-advice page is general advice (voice: advice): it shows no form to post.
    assert {page_url(slug) for slug in FORM_SLUGS} <= set(checked)
    assert page_url("family-advice") not in checked
    assert reverse("complaints_process:status_lookup") in checked
    assert f"/complaints/status/{case.reference}/escalate/" in checked


def test_every_admin_form_refuses_a_post_without_its_token():
    with time_machine.travel(date(2026, 3, 10), tick=False):
        admin = UserFactory(is_superuser=True, username="csrf-admin")
        client = Client()
        client.force_login(admin)
        walsall = Authority.objects.get(slug="walsall")
        case = services.cases.file_complaint(
            walsall, user=None, points=["A point."], complainant_name="Sam Example", complainant_email="sam@example.org"
        )
        pages = [
            case_index_url(),
            case_url(case),
            f"{reverse('complaints_cases:create')}?authority={walsall.pk}",
            reverse("complaints_process_config:edit", args=["walsall"]),
            f"/admin/pages/{GuidancePage.objects.get(authority=walsall).pk}/edit/",
            "/admin/account/",
        ]
        pages += [item["url"] for item in available_actions(case, admin)]
        forms = []
        for url in pages:
            forms += post_forms(client, url)
        checked = refused_without_token(client, forms)
    assert case_index_url() in checked
    assert reverse("complaints_cases:create") in checked
    assert reverse("complaints_process_config:edit", args=["walsall"]) in checked
    assert reverse("complaints_cases:action", args=[case.pk, "accept"]) in checked
    assert len([path for path in checked if "/action/" in path]) >= 3


def test_the_login_form_refuses_a_post_without_its_token():
    user = UserFactory(username="someone")
    user.set_password("a-long-test-password-1")
    user.save()
    forged = Client(enforce_csrf_checks=True)
    response = forged.post("/admin/login/", {"username": "someone", "password": "a-long-test-password-1"})
    assert response.status_code == 403
    assert "_auth_user_id" not in forged.session
