"""The annual report as a PDF file: the published (suppressed) report, for the authority's
staff only, rendered without fetching anything."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from complaints_process.reports import pdf as report_pdf

from .conftest import admin_user
from .test_csv_and_views import assert_no_personal_data, urls


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_is_the_published_report_with_small_numbers_suppressed(year, client):
    walsall = year["walsall"]
    client.force_login(admin_user(walsall, "complaints_officer"))
    page, printable, _csv, pdf = urls(walsall)
    assert f'href="{pdf}"' in client.get(page).content.decode()
    assert f'href="{pdf}"' in client.get(printable).content.decode()

    response = client.get(pdf)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="complaints-walsall-statutory-2025-26.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")
    text = " ".join(pdf_text(response.content).split())
    assert "annual report 2025-26" in text and "Walsall Council" in text
    assert "fewer than 5" in text and "not published (small numbers)" in text
    assert "40%" not in text  # the exact escalation rate is the admin view's
    assert "Team managers now check call-backs every week." in text
    assert "Back to the report in the admin" not in text  # the screen-only links are not printed
    assert_no_personal_data(text)


def test_the_pdf_is_refused_to_other_authorities_and_editors(year, client):
    walsall, council_a = year["walsall"], year["council_a"]
    pdf = urls(walsall)[3]
    for user in (admin_user(council_a, "complaints_manager"), admin_user(walsall, "editor")):
        client.force_login(user)
        assert client.get(pdf).status_code == 404
    client.logout()
    assert client.get(pdf).status_code == 302  # to the admin login
    client.force_login(admin_user(walsall, "complaints_manager"))
    assert client.get(reverse("complaints_reports:pdf", args=["walsall", "statutory", "2025-27"])).status_code == 404


def test_without_weasyprint_the_pdf_says_so_and_the_report_offers_none(year, client, monkeypatch):
    monkeypatch.setattr(report_pdf, "_weasyprint", lambda: None)
    walsall = year["walsall"]
    client.force_login(admin_user(walsall, "complaints_manager"))
    page, printable, _csv, pdf = urls(walsall)
    response = client.get(pdf)
    assert response.status_code == 503
    html = response.content.decode()
    assert "not available on this server" in html and f'href="{printable}"' in html
    assert "data-report-pdf" not in client.get(page).content.decode()


def test_rendering_fetches_nothing(tmp_path):
    sheet = tmp_path / "leak.css"
    sheet.write_text('body::after { content: "FETCHED" }')
    html = f'<html><head><link rel="stylesheet" href="{sheet.as_uri()}"></head><body><p>Report</p><img src="http://127.0.0.1:9/x.png"></body></html>'
    text = pdf_text(report_pdf.render_pdf(html))
    assert "Report" in text and "FETCHED" not in text


@pytest.mark.parametrize("error", [ImportError, OSError])
def test_pdf_is_unavailable_when_weasyprint_or_pango_cannot_load(monkeypatch, error):
    import builtins

    real_import = builtins.__import__

    def failing(name, *args, **kwargs):
        if name == "weasyprint":
            raise error("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    report_pdf._weasyprint.cache_clear()
    monkeypatch.setattr(builtins, "__import__", failing)
    try:
        assert report_pdf.pdf_available() is False
        with pytest.raises(report_pdf.PdfUnavailable):
            report_pdf.render_pdf("<p>x</p>")
    finally:
        monkeypatch.undo()
        report_pdf._weasyprint.cache_clear()
    assert report_pdf.pdf_available() is True
