"""The complainant's forms: one intake form, built from the procedure config, used by the
guidance page's form block and by the API (see ``intake``)."""

from .intake import build_intake_form, filing_arguments, is_late

__all__ = ["build_intake_form", "filing_arguments", "is_late"]
