"""`manage.py subject_access_export`: the data protection officer's export, at the command line."""

import io
import json
import zipfile
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from complaints_process.models import AccessKind, CaseAccess, CaseEvent
from tests.factories import ComplaintFactory, publish_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(db):
    walsall, hampshire = publish_seed("walsall"), publish_seed("hampshire")
    return {
        "mine": ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2)),
        "other": ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2), complainant_email="bo@example.test"),
        "elsewhere": ComplaintFactory(authority=hampshire, received_on=date(2026, 3, 2)),
    }


def run(*args, stdin: str = "") -> str:
    out = StringIO()
    import sys

    saved = sys.stdin
    sys.stdin = StringIO(stdin)
    try:
        call_command("subject_access_export", *args, stdout=out)
    finally:
        sys.stdin = saved
    return out.getvalue()


def summary(path) -> dict:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        return json.loads(archive.read("summary.json"))


def test_the_export_by_email_is_written_and_recorded_as_the_command(cases, tmp_path):
    output = tmp_path / "alex.zip"
    said = run("walsall", "--email", "alex@example.test", "--output", str(output))
    assert said == f"Exported 1 case(s) of Walsall Council to {output}.\n"
    assert "alex" not in said.replace(str(output), "")
    data = summary(output)
    assert [item["case"]["reference"] for item in data["cases"]] == [cases["mine"].reference]
    assert data["exported_by"] == "A management command"
    assert oct(output.stat().st_mode & 0o777) == "0o600"
    event = CaseEvent.objects.get(case=cases["mine"], action="subject_access_export")
    assert event.user is None
    assert CaseAccess.objects.get(case=cases["mine"]).kind == AccessKind.EXPORT


def test_the_search_can_be_read_from_standard_input(cases, tmp_path):
    output = tmp_path / "alex.zip"
    run("walsall", "--output", str(output), stdin="alex@example.test\n")
    assert [item["case"]["reference"] for item in summary(output)["cases"]] == [cases["mine"].reference]


def test_by_reference_within_the_authority_only(cases, tmp_path):
    output = tmp_path / "x.zip"
    said = run("walsall", "--reference", cases["elsewhere"].reference, "--output", str(output))
    assert "Nothing is held about this complainant in Walsall Council" in said
    assert not output.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere", "--email", "a@b.test"], "No authority with the slug 'nowhere'."),
        (["walsall", "--email", "a@b.test", "--reference", "WAL-2026-000001"], "Give --email or --reference, not both."),
        (["walsall", "--reference", "a@b.test"], "--reference takes a case reference"),
    ],
)
def test_bad_arguments_are_refused_clearly(cases, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args, "--output", str(tmp_path / "x.zip"))


def test_an_existing_file_is_never_overwritten(cases, tmp_path):
    output = tmp_path / "kept.zip"
    output.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="already exists"):
        run("walsall", "--email", "alex@example.test", "--output", str(output))
    assert output.read_bytes() == b"keep me"
