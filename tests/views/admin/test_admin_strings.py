"""The admin's strings go through gettext, so a site can translate its staff screens too.

Three checks: no admin template (the admin, the reports, the data protection export) has words
outside a translation tag, no admin view passes a plain string as a label, help text, message
or 404 text, and every string the admin marks is in the cy catalogue (its ``msgstr`` may be
empty: staff screens are marked, not translated).
"""

from __future__ import annotations

import ast
import re

import pytest

from tests.views.public.test_welsh import CATALOGUE, PACKAGE, STAFF_TEMPLATES, TEMPLATES, marked_strings, read_catalogue

STAFF_PYTHON_FILES = sorted(
    {*PACKAGE.glob("views/admin_*.py"), *PACKAGE.glob("reports/*.py")}
    | {PACKAGE / name for name in ("viewsets.py", "modeladmin.py", "wagtail_hooks.py", "panels.py", "admin_views.py")}
)
STAFF_TEMPLATE_FILES = sorted(path for folder in STAFF_TEMPLATES for path in (TEMPLATES / folder).rglob("*.html"))

#: Blocks whose content is not read as words: translated text, comments, CSS.
SKIPPED_BLOCKS = re.compile(
    r"{%\s*(blocktranslate|blocktrans|comment)\b.*?%}.*?{%\s*end\1\s*%}|<style\b.*?</style>|{#.*?#}",
    re.DOTALL,
)
TEMPLATE_TAG = re.compile(r"{%.*?%}|{{.*?}}", re.DOTALL)
#: Attributes a reader (or a screen reader) is given as text.
READ_ATTRIBUTE = re.compile(r"""\b(?:aria-label|placeholder|title|alt)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
HTML_TAG = re.compile(r"<[^>]*>")
ENTITY = re.compile(r"&[a-z]+;|&#\d+;")
#: Letters that are not words a reader sees: the only ones allowed outside a translation tag.
NOT_WORDS = {"modeladmin/includes/header.html"}  # the case list's header template, named in a fragment


def untranslated_words(source: str) -> list[str]:
    """The words of ``source`` a reader sees that no translation tag holds."""
    text = TEMPLATE_TAG.sub(" ", SKIPPED_BLOCKS.sub(" ", source))
    words = [value for pair in READ_ATTRIBUTE.findall(text) for value in pair if value.strip()]
    words += ENTITY.sub(" ", HTML_TAG.sub(" ", text)).split()
    return [word for word in words if re.search(r"[^\W\d_]", word) and word not in NOT_WORDS]


def test_the_check_finds_words_outside_translation_tags():
    assert untranslated_words('<p>Back to {{ case }}</p><input placeholder="Search">') == ["Search", "Back", "to"]
    assert untranslated_words("<td>{{ a }}</td><td>–</td>{# A note #}{% comment %}Words{% endcomment %}") == []
    assert untranslated_words('{% translate "Done" %}{% blocktranslate %}{{ n }} cases{% endblocktranslate %}') == []
    assert untranslated_words("<style>.cp { color: red; }</style><span>&nbsp;·</span>") == []
    assert untranslated_words('<a aria-label="{% translate "Go" %}" href="x">v{{ n }}</a>') == ["v"]


@pytest.mark.parametrize("path", STAFF_TEMPLATE_FILES, ids=lambda path: path.relative_to(TEMPLATES).as_posix())
def test_every_admin_template_marks_its_words(path):
    assert untranslated_words(path.read_text(encoding="utf-8")) == []


def test_the_admin_templates_are_all_read():
    names = {path.relative_to(TEMPLATES).as_posix() for path in STAFF_TEMPLATE_FILES}
    assert {
        "admin/cases/inspect.html",
        "admin/config/edit.html",
        "admin/data_protection/subject_access.html",
        "reports/_figures.html",
        "data_protection/subject_access.html",
    } <= names
    assert len(names) >= 33


def test_every_admin_string_is_in_the_catalogue():
    catalogue = read_catalogue(CATALOGUE)
    missing = {}
    for path in STAFF_TEMPLATE_FILES + STAFF_PYTHON_FILES:
        for msgid in marked_strings(path):
            if msgid not in catalogue:
                missing.setdefault(msgid, path.relative_to(PACKAGE).as_posix())
    assert missing == {}, "marked but not in the catalogue (run makemessages): " + repr(missing)
    # The reading finds the admin's strings, in templates and in Python.
    found = set().union(*(marked_strings(path) for path in STAFF_TEMPLATE_FILES + STAFF_PYTHON_FILES))
    assert {"Points of complaint", "Complaint cases", "Record the complaint", "Time limits"} <= found


#: The admin's Python whose literal labels, help texts, messages and 404 texts are read here.
ADMIN_VIEW_FILES = sorted({*PACKAGE.glob("views/admin_*.py"), PACKAGE / "reports" / "views.py"})
TRANSLATING_CALLS = {"gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
MESSAGE_CALLS = {"debug", "info", "success", "warning", "error"}


def unmarked_literals(source: str) -> list[str]:
    """English text given as ``label=``/``help_text=``, to ``messages.*(...)`` or to ``Http404(...)``
    as a plain string constant or f-string, not through a gettext call."""

    def plain(node) -> bool:
        return (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip() != "") or isinstance(
            node, ast.JoinedStr
        )

    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
        if name in TRANSLATING_CALLS:
            continue
        values = [keyword.value for keyword in node.keywords if keyword.arg in ("label", "help_text")]
        is_message = isinstance(function, ast.Attribute) and getattr(function.value, "id", "") == "messages" and name in MESSAGE_CALLS
        if is_message or name == "Http404":
            values += node.args
        found += [f"line {value.lineno}" for value in values if plain(value)]
    return found


def test_the_python_check_finds_unmarked_literals():
    source = (
        "field = forms.CharField(label='Theme', help_text=f'{x} days')\n"
        "messages.success(request, 'Saved.')\n"
        "raise Http404('No such case.')\n"
        "fine = forms.CharField(label=gettext_lazy('Theme'))\n"
        "messages.info(request, gettext('Saved %(n)s.') % {'n': 1})\n"
    )
    assert unmarked_literals(source) == ["line 1", "line 1", "line 2", "line 3"]


@pytest.mark.parametrize("path", ADMIN_VIEW_FILES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_the_admin_python_marks_its_labels_messages_and_404s(path):
    assert unmarked_literals(path.read_text(encoding="utf-8")) == []
