"""Keep personal data out of other libraries' log records.

Django's ``django.template`` logger records, at DEBUG, every variable a template could not
resolve, with the exception attached; that exception's text is the whole template context:
form values, search terms, a case's fields.  ``NoTemplateContext`` keeps the record (the
variable and template names) and drops the exception.  It is attached to the logger itself
when the app is ready, so it holds whatever level or handlers a site configures.
"""

from __future__ import annotations

import logging


class NoTemplateContext(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and type(record.exc_info[1]).__name__ == "VariableDoesNotExist":
            record.exc_info = None
            record.exc_text = None
        return True


def install() -> None:
    logger = logging.getLogger("django.template")
    if not any(isinstance(existing, NoTemplateContext) for existing in logger.filters):
        logger.addFilter(NoTemplateContext())
