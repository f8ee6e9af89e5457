"""The secret in a complainant's status link, and how it is checked.

The token is derived, not stored: ``HMAC(SECRET_KEY, the filing's key hash + reference)``
(the key hash is ``Submission.key_hash``).  The case keeps only the token's SHA-256
(``Complaint.status_token``), compared with ``hmac.compare_digest``, so a copy of the
database without ``SECRET_KEY`` gives no working link.  Deriving it means a repeated
submission (same idempotency key and body) gets the same link back, and the outbox can write
the link into the confirmation email when it sends it.  A token never appears in a log.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from django.utils.crypto import salted_hmac

SALT = "complaints_process.status_token"


def token_for(key_hash: str, reference: str) -> str:
    digest = salted_hmac(SALT, f"{key_hash}:{reference}", algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def token_matches(case, token: str | None) -> bool:
    if not token or len(token) > 200:
        return False
    return hmac.compare_digest(case.status_token, hash_token(token))
