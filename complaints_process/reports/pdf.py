"""The annual report as a PDF file: the printable report (``print.html``) through WeasyPrint.

WeasyPrint is optional (``pip install "complaints-process[pdf]"``; the demo and the tests
install it) and needs the Pango library of the operating system (Debian:
``apt-get install libpango-1.0-0 libpangoft2-1.0-0``).  Where it cannot be loaded,
``pdf_available()`` is False: the report page offers no PDF, and the PDF address answers 503
with a page that says why and points to the printable report ("Print → Save as PDF").

The PDF is made from exactly the HTML of the printable report, so it carries the same
suppressed figures and nothing else.  WeasyPrint fetches nothing while rendering: the report
is self-contained (styles inline), and every URL but ``data:`` is refused, so no text typed
into a case can make the server request an address.
"""

from __future__ import annotations

import functools
import logging

logger = logging.getLogger(__name__)


class PdfUnavailable(RuntimeError):
    """WeasyPrint (or the Pango library it needs) is not installed."""


@functools.cache
def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: Pango is missing
        logger.warning("PDF reports are not available: WeasyPrint could not be loaded (%s).", type(error).__name__)
        return None
    return weasyprint


def pdf_available() -> bool:
    return _weasyprint() is not None


def render_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML document (no external resources are fetched)."""
    weasyprint = _weasyprint()
    if weasyprint is None:
        raise PdfUnavailable("PDF reports need WeasyPrint and the Pango library on the server.")
    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",), timeout=1)
    return weasyprint.HTML(string=html, url_fetcher=fetcher, media_type="print").write_pdf()
