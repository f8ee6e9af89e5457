"""The secret in a complainant's status link, and how it is checked.

The token is derived, not stored: ``HMAC(SECRET_KEY, submission key + reference)``.  The case
keeps only its SHA-256 (``Complaint.status_token``), compared with ``hmac.compare_digest``,
so a copy of the database gives no working link.  Deriving it means a repeated submission
(same idempotency key) gets the same link back.  A token never appears in a log.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from django.utils.crypto import salted_hmac

SALT = "complaints_process.status_token"


def token_for(submission_key: str, reference: str) -> str:
    digest = salted_hmac(SALT, f"{submission_key}:{reference}", algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def token_matches(case, token: str | None) -> bool:
    if not token or len(token) > 200:
        return False
    return hmac.compare_digest(case.status_token, hash_token(token))
