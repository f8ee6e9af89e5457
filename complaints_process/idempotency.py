"""Idempotency keys: a retry files once, and a key opens nothing but its own filing.

A key is bound to the authority and to a hash of the request body.  The ``Submission`` row
keeps ``key_hash`` (SHA-256 of the authority's id and the key) and ``body_hash`` (SHA-256 of
the body as received: every field and every file's name and content).  Sending the same key
with the same body to the same authority returns the first filing; with another body it is
refused (``KeyReused``, a 409 in the API) and the answer carries nothing of the first filing.
The same key sent to another authority is another key.

API keys (``Idempotency-Key``) are 16 to 255 visible ASCII characters: long enough that a
client's random key cannot be guessed, short enough to store.  The web form's key is made by
the server (``new_form_key``: random, signed with ``SECRET_KEY``); a key the server did not
sign is ignored (the form is filed without one), so nobody can choose the key of another
person's form.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets

from django.core import signing

KEY_MIN, KEY_MAX = 16, 255
KEY_PATTERN = re.compile(r"[\x21-\x7e]{%d,%d}" % (KEY_MIN, KEY_MAX))
KEY_RULE = f"An Idempotency-Key is {KEY_MIN} to {KEY_MAX} visible ASCII characters (letters, digits, punctuation; no spaces)."
FORM_SALT = "complaints_process.form_submission_key"
#: Form fields that are not part of what the person sent.
NOT_BODY = {"csrfmiddlewaretoken", "submission_key"}


class KeyReused(Exception):
    """The key was already used with another body."""


def valid_key(key: str) -> bool:
    return bool(KEY_PATTERN.fullmatch(key or ""))


def key_hash(authority_id: int, key: str) -> str:
    return hashlib.sha256(f"complaints_process.submission:{authority_id}:{key}".encode("utf-8", "replace")).hexdigest()


def body_hash(data, files=None) -> str:
    """SHA-256 of a request body: its fields (JSON values or form lists) and its files' names and contents."""
    digest = hashlib.sha256()
    if hasattr(data, "lists"):  # a QueryDict / MultiValueDict
        fields = {name: values for name, values in data.lists() if name not in NOT_BODY}
    else:
        fields = {name: value for name, value in dict(data).items() if name not in NOT_BODY}
    digest.update(json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8", "replace"))
    for name, uploads in sorted(files.lists()) if files is not None else ():
        for upload in uploads:
            digest.update(f"\0file:{name}:{upload.name}:{upload.size}\0".encode("utf-8", "replace"))
            upload.seek(0)
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return digest.hexdigest()


def new_form_key() -> str:
    """A fresh key for a blank form, signed so that the server knows it made it."""
    return signing.dumps(secrets.token_urlsafe(24), salt=FORM_SALT, compress=False)


def form_key(posted: str | None) -> str | None:
    """The key a form carried, if this server made it; None otherwise."""
    if not posted or len(posted) > KEY_MAX:
        return None
    try:
        signing.loads(posted, salt=FORM_SALT)
    except signing.BadSignature:
        return None
    return posted
