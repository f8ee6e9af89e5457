"""The reader's language for core's sentences, without Django.

Core writes its sentences in English and marks each one: ``_("...")`` where a sentence is made
(translated then), ``gettext_noop("...")`` where a word list is declared at import time (translated when
it is used, by ``_``).  Until a translator is installed ``_`` returns the English as written,
so core stays usable outside Django; the plugin's app installs Django's gettext at start-up
(``apps.py``), so the active language (the page's, ``/cy/...``) chooses the words.
``makemessages`` finds both marks under these names, as it finds Django's own.

Sentences with parts are whole format strings (``_("within {amount} of {start}")``), never
pieces glued together, so a translation can put the parts where its grammar wants them.
"""

from __future__ import annotations

from collections.abc import Callable


def _as_written(message: str) -> str:
    return message


def _plural_as_written(singular: str, plural: str, number: int) -> str:
    return singular if number == 1 else plural


_translate: Callable[[str], str] = _as_written
_translate_plural: Callable[[str, str, int], str] = _plural_as_written


def install(*, gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str]) -> None:
    """Use these translators for every sentence core makes from now on."""
    global _translate, _translate_plural
    _translate, _translate_plural = gettext, ngettext


def _(message: str) -> str:
    """The message in the reader's language."""
    return _translate(message)


def ngettext(singular: str, plural: str, number: int) -> str:
    """The singular or plural form for ``number``, in the reader's language."""
    return _translate_plural(singular, plural, number)


def gettext_noop(message: str) -> str:
    """Marks a message for translation without translating it (translated later by ``_``)."""
    return message
