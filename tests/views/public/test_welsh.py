"""Welsh (cy): every string of the public side and the emails has a Welsh translation, and the
Welsh example council (Cwm Aur) publishes /cy/ pages whose blocks, calculator, form,
confirmation, status page and emails read in Welsh, with the same dates as the English ones.

Two checks of completeness, so that a new English string cannot slip through untranslated:
the catalogue (every string the public sources mark, found here by reading those sources, has
a Welsh entry, and the compiled catalogue says the same), and the rendered Welsh pages and
emails (no English words left in what a complainant reads).
"""

from __future__ import annotations

import ast
import gettext
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation.template import templatize

from complaints_process.core.config.translations import untranslated
from complaints_process.models import Authority, Complaint
from tests.demo import WELSH_PAGES
from tests.views.public.conftest import valid_post

PACKAGE = Path(__file__).resolve().parents[3] / "complaints_process"
CATALOGUE = PACKAGE / "locale" / "cy" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
TEMPLATES = PACKAGE / "templates" / "complaints_process"
#: What staff read (the admin, the reports, data protection exports): marked, not translated.
STAFF_TEMPLATES = ("admin", "reports", "data_protection")
STAFF_PYTHON = (
    "views/admin_", "modeladmin.py", "viewsets.py", "wagtail_hooks.py", "admin_views.py", "reports/", "management/", "panels.py",
)  # fmt: skip

WELSH_URL, (SLUG, PROCEDURE) = next(iter(WELSH_PAGES.items()))
ENGLISH_URL = WELSH_URL.removeprefix("/cy")
TODAY = date(2026, 6, 3)  # a Wednesday with no bank holiday near it
# Words that are English and not Welsh: a Welsh page that shows one has English left in it.
ENGLISH_WORDS = {
    "the", "and", "you", "your", "we", "our", "us", "they", "of", "to", "is", "are", "will", "for", "with",
    "this", "that", "not", "if", "or", "what", "when", "how", "who", "complaint", "complaints",
    "due", "date", "day", "days", "month", "year", "working", "stage", "received", "send", "enter",
    "select", "email", "phone", "address", "name", "service", "by", "from", "on", "within",
}  # fmt: skip
WELSH_MONTHS = "Ionawr Chwefror Mawrth Ebrill Mai Mehefin Gorffennaf Awst Medi Hydref Tachwedd Rhagfyr".split()
ENGLISH_MONTHS = "January February March April May June July August September October November December".split()


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


# -- the catalogue ------------------------------------------------------------------------------


def read_catalogue(path: Path) -> dict[str, dict]:
    """{msgid: {"plural": msgid_plural or None, "strs": [msgstr...], "fuzzy": bool, "files": [...]}}."""
    entries, entry, last = {}, None, None

    def unquote(text: str) -> str:
        return ast.literal_eval(text)

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry is not None and entry.get("msgid"):
                entries[entry["msgid"]] = entry
            entry, last = None, None
            continue
        if entry is None:
            entry = {"msgid": None, "plural": None, "strs": [], "fuzzy": False, "files": []}
        if line.startswith("#:"):
            entry["files"] += line[2:].split()
        elif line.startswith("#,"):
            entry["fuzzy"] = "fuzzy" in line
        elif line.startswith("msgid_plural "):
            entry["plural"], last = unquote(line[13:]), "plural"
        elif line.startswith("msgid "):
            entry["msgid"], last = unquote(line[6:]), "msgid"
        elif line.startswith("msgstr"):
            entry["strs"].append(unquote(line.split(" ", 1)[1]))
            last = "msgstr"
        elif line.startswith('"'):  # a continued line
            if last == "msgstr":
                entry["strs"][-1] += unquote(line)
            elif last == "msgid":
                entry["msgid"] += unquote(line)
    return entries


def public_sources() -> list[Path]:
    """Every file of the package a complainant's page or email is made from."""
    templates = [
        path
        for path in TEMPLATES.rglob("*")
        if path.is_file() and path.suffix in (".html", ".txt") and path.relative_to(TEMPLATES).parts[0] not in STAFF_TEMPLATES
    ]
    python = [
        path
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts and not any(part in path.relative_to(PACKAGE).as_posix() for part in STAFF_PYTHON)
    ]
    return sorted(templates) + sorted(python)


GETTEXT_CALLS = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
TEMPLATIZED = re.compile(r"\b(?:n?gettext)\((u'(?:[^'\\]|\\.)*')")


def marked_strings(path: Path) -> set[str]:
    """The msgids a source file marks, read as makemessages reads them."""
    if path.suffix == ".py":
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in GETTEXT_CALLS:
                if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    found.add(node.args[0].value)
        return found
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    return {ast.literal_eval(literal) for literal in TEMPLATIZED.findall(code)}


def test_every_public_and_email_string_has_a_welsh_translation():
    catalogue = read_catalogue(CATALOGUE)
    missing, untranslated_ids = {}, []
    for path in public_sources():
        for msgid in marked_strings(path):
            entry = catalogue.get(msgid)
            if entry is None:
                missing.setdefault(msgid, path.relative_to(PACKAGE).as_posix())
            elif entry["fuzzy"] or not all(text.strip() for text in entry["strs"]):
                untranslated_ids.append(msgid)
    assert missing == {}, "marked but not in the catalogue (run makemessages, then translate): " + repr(missing)
    assert untranslated_ids == []


def test_the_sources_are_read_as_makemessages_reads_them():
    # The reading above finds what the sources mark: sentences of core, the form's labels, a
    # template's blocktranslate with its variables, an email subject.
    found = set().union(*(marked_strings(path) for path in public_sources()))
    assert {
        "{opening} within {amount} of {start}.",
        "Who is making the complaint?",
        "If the complaint is received on <strong>%(received_text)s</strong>, these are the latest dates for each step. "
        "They assume each step takes the longest time allowed without an extension.",
        "Complaint %(reference)s received",
        "{n} working day",
    } <= found
    # ... and no staff screen is asked to be in Welsh.
    assert not any(path.relative_to(TEMPLATES).parts[0] == "admin" for path in public_sources() if path.is_relative_to(TEMPLATES))


def test_the_compiled_catalogue_is_the_catalogue():
    catalogue = read_catalogue(CATALOGUE)
    with COMPILED.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for msgid, entry in catalogue.items():
        # An entry not translated (the admin's may be left so) reads back as its English.
        expected = entry["strs"][0] or msgid
        if entry["plural"] is None:
            if compiled.gettext(msgid) != expected:
                stale.append(msgid)
        elif compiled.ngettext(msgid, entry["plural"], 1) != expected:
            stale.append(msgid)
    assert stale == [], "the .mo is older than the .po: compile it (msgfmt --check-format)"


def test_the_catalogue_ships_in_the_package():
    import tomllib

    data = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = data["tool"]["setuptools"]["package-data"]["complaints_process"]
    assert "locale/*/LC_MESSAGES/*.po" in shipped and "locale/*/LC_MESSAGES/*.mo" in shipped
    assert COMPILED.exists()


# -- what a Welsh complainant reads ------------------------------------------------------------


class _Text(HTMLParser):
    """The text a reader meets: text nodes (scripts and styles left out) and the attributes
    read aloud or shown (aria-label, alt, title, placeholder, data-label)."""

    SPOKEN = {"aria-label", "alt", "title", "placeholder", "data-label"}

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        self.parts += [value for name, value in attrs if name in self.SPOKEN and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.parts.append(data.strip())


def readable_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.parts


def english_left(parts: list[str], allowed: tuple[str, ...] = ()) -> list[str]:
    """The parts with an English word in them (email addresses, links and ``allowed`` aside)."""
    found = []
    for part in parts:
        text = part
        for word in allowed:
            text = text.replace(word, "")
        text = re.sub(r"\S+@\S+|https?://\S+|/\S*", "", text)
        if {word.lower() for word in re.findall(r"[A-Za-z]+", text)} & ENGLISH_WORDS:
            found.append(part)
    return found


def dates_in(text: str, months: list[str]) -> list[date]:
    """Every date written "3 June 2026" (or "3 Mehefin 2026") in the text, in order."""
    pattern = re.compile(r"\b(\d{1,2}) (" + "|".join(months) + r") (\d{4})\b")
    return [date(int(y), months.index(m) + 1, int(d)) for d, m, y in pattern.findall(text)]


#: What the test posts in: the complainant's own words, which stay as they wrote them.
OWN_WORDS = ("Sam Example", "Alex Example", "Children's disability team", "Start the respite care.")


def file_in_welsh(client, django_capture_on_commit_callbacks):
    data = valid_post(SLUG, **{"happened_on-month": "5"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(WELSH_URL, data)
    assert response.status_code == 302, response.content.decode()[:500]
    return response


@pytest.mark.django_db
def test_the_welsh_councils_own_text_is_all_in_welsh(demo):
    # Every name, label and address Cwm Aur's pages show has its Welsh in its file.
    version = Authority.objects.get(slug=SLUG).current_version()
    assert untranslated(version.english_config(), version.translations()["cy"]) == []


@pytest.mark.django_db
def test_the_welsh_guidance_page_reads_in_welsh_with_the_same_dates(client, demo):
    english = client.get(ENGLISH_URL)
    welsh = client.get(WELSH_URL)
    assert english.status_code == welsh.status_code == 200
    english_html, welsh_html = english.content.decode(), welsh.content.decode()
    assert '<html lang="cy"' in welsh_html and '<html lang="en-GB"' in english_html
    # the stages, in the council's Welsh and the plugin's
    assert "Cam 1: Datrys yn lleol" in welsh_html and "Stage 1: Local resolution" in english_html
    assert "Byddwn yn gwneud hyn o fewn 2 diwrnod gwaith ar ôl cael eich cwyn." in welsh_html
    assert "We will do this within 2 working days of receiving your complaint." in english_html
    # the calculator: received today, acknowledged within 2 working days (Friday 5 June 2026)
    assert "Dydd Mercher 3 Mehefin 2026" in welsh_html and "Wednesday 3 June 2026" in english_html
    assert "Dydd Gwener 5 Mehefin 2026" in welsh_html and "Friday 5 June 2026" in english_html
    iso = re.compile(r'<time datetime="(\d{4}-\d\d-\d\d)">')
    assert iso.findall(welsh_html) == iso.findall(english_html) != []
    # the form, in Welsh
    assert "Pwy sy’n gwneud y gŵyn?" in welsh_html and 'action="/cy/cwm-aur/social-services-complaints/#complaint-form"' in welsh_html
    # nothing left in English (the English page, read the same way, is English)
    assert english_left(readable_text(welsh_html)) == []
    assert len(english_left(readable_text(english_html))) > 20


@pytest.mark.django_db
def test_the_welsh_form_explains_its_errors_in_welsh(client, demo):
    response = client.post(WELSH_URL, {"submission_key": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "Mae problem" in html
    assert "Rhowch eich enw llawn" in html and "Rhowch beth ddigwyddodd" in html
    future = client.post(WELSH_URL, valid_post(SLUG, **{"happened_on-year": "2027"})).content.decode()
    assert "Y dyddiad y digwyddodd: rhaid iddo fod heddiw neu yn y gorffennol" in future
    assert english_left(readable_text(html)) == []


@pytest.mark.django_db
def test_filing_in_welsh_confirms_emails_and_shows_the_status_in_welsh(client, demo, django_capture_on_commit_callbacks):
    response = file_in_welsh(client, django_capture_on_commit_callbacks)
    case = Complaint.objects.get()
    assert case.language == "cy" and case.received_on == TODAY
    assert response["Location"] == f"/cy/complaints/confirmation/{case.reference}/"
    confirmation = client.get(response["Location"]).content.decode()
    assert '<html lang="cy"' in confirmation and "Cwyn wedi dod i law" in confirmation
    assert "Byddwn yn cydnabod eich cwyn erbyn <strong>5 Mehefin 2026</strong>." in confirmation
    assert english_left(readable_text(confirmation), OWN_WORDS) == []

    # the confirmation email: in Welsh, its status link to the Welsh status page
    [email] = mail.outbox
    assert email.subject == f"Cwyn {case.reference} wedi dod i law"
    assert "Byddwn yn ei chydnabod erbyn 5 Mehefin 2026." in email.body
    link = re.search(r"http\S+/cy/complaints/status/\S+token=\S+", email.body).group(0)
    assert english_left(email.body.splitlines(), OWN_WORDS + (case.reference,)) == []

    browser = Client()
    welsh_status = browser.get(link, follow=True)
    assert welsh_status.redirect_chain == [(f"/cy/complaints/status/{case.reference}/", 302)]
    welsh_html = welsh_status.content.decode()
    assert '<html lang="cy"' in welsh_html and "Ble mae hi" in welsh_html and "Wedi dod i law" in welsh_html
    assert english_left(readable_text(welsh_html), OWN_WORDS) == []
    # the same case's status in English, in the same session: the same dates
    english_html = browser.get(f"/complaints/status/{case.reference}/").content.decode()
    assert "Where it is" in english_html
    assert dates_in(welsh_html, WELSH_MONTHS) == dates_in(english_html, ENGLISH_MONTHS)
    assert date(2026, 6, 5) in dates_in(welsh_html, WELSH_MONTHS)


@pytest.mark.django_db
def test_the_welsh_lookup_and_refusals_are_in_welsh(client, demo):
    lookup = client.get("/cy/complaints/status/")
    assert lookup.status_code == 200 and "Dod o hyd i’ch cwyn" in lookup.content.decode()
    missing = client.post("/cy/complaints/status/", {"reference": "", "email": ""}).content.decode()
    assert "Rhowch gyfeirnod eich cwyn" in missing
    not_found = client.get("/cy/complaints/status/CWA-2026-999999/")
    assert not_found.status_code == 404 and "Heb ddod o hyd i’r gŵyn" in not_found.content.decode()
    for html in (lookup.content.decode(), missing, not_found.content.decode()):
        assert english_left(readable_text(html)) == []


@pytest.mark.django_db
def test_english_pages_keep_their_addresses_and_language(client, demo):
    english = client.get(ENGLISH_URL, HTTP_ACCEPT_LANGUAGE="cy")  # the address decides, not the browser
    assert english.status_code == 200 and "Stage 1: Local resolution" in english.content.decode()
    assert client.get("/en-gb" + ENGLISH_URL).status_code == 404  # no /en-gb/ prefix for English


def test_welsh_durations_and_dates_are_plain_welsh():
    from complaints_process.core import wording
    from complaints_process.core.durations import Duration

    with translation.override("cy"):
        assert wording.in_words(Duration(10, "working_days")) == "10 diwrnod gwaith"
        assert wording.in_words(Duration(1, "months")) == "1 mis"
        assert wording.long_date(date(2027, 1, 6)) == "Dydd Mercher 6 Ionawr 2027"
    with translation.override("en-gb"):
        assert wording.in_words(Duration(1, "working_days")) == "1 working day"
        assert wording.long_date(date(2027, 1, 6)) == "Wednesday 6 January 2027"


def language_links(html: str) -> list[tuple[str, str, str]]:
    """(href, hreflang, text) of each link in the header's language navigation."""
    nav = re.search(r'<nav aria-label="(?:Language|Iaith)"[^>]*>(.*?)</nav>', html, re.S)
    if nav is None:
        return []
    return re.findall(r'<a [^>]*href="([^"]+)" hreflang="([^"]+)"[^>]*>([^<]+)</a>', nav.group(1))


@pytest.mark.django_db
def test_each_language_version_links_to_the_other_and_a_page_in_one_language_links_to_none(client, demo):
    welsh = client.get(WELSH_URL).content.decode()
    english = client.get(ENGLISH_URL).content.decode()
    assert language_links(welsh) == [(ENGLISH_URL, "en-GB", "English")]
    assert '<nav aria-label="Iaith"' in welsh
    assert language_links(english) == [(WELSH_URL, "cy", "Cymraeg")]
    assert '<nav aria-label="Language"' in english
    # Walsall publishes in English only: no language navigation at all.
    assert "hreflang" not in client.get("/walsall/childrens-social-care-complaints/").content.decode()
