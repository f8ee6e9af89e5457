"""A small fixed-window rate limit in Django's cache, per client and action.

The client is a keyed hash of its IP address (``REMOTE_ADDR``; behind a proxy, set
``COMPLAINTS_PROCESS_CLIENT_IP_HEADER`` to the header it sets, e.g. ``HTTP_X_FORWARDED_FOR``),
so the cache holds no address.  Limits: ``conf.rate_limit`` (``COMPLAINTS_PROCESS_RATE_LIMITS``).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from complaints_process.conf import rate_limit


def client_key(request) -> str:
    header = getattr(settings, "COMPLAINTS_PROCESS_CLIENT_IP_HEADER", None)
    address = (request.META.get(header, "") if header else "").split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")
    return salted_hmac("complaints_process.ratelimit", address).hexdigest()[:24]


def hit(request, action: str) -> bool:
    """Count one request; False when the client is over the limit for this window."""
    limit, seconds = rate_limit(action)
    window = int(time.time() // seconds)
    key = f"complaints_process:rl:{action}:{client_key(request)}:{window}"
    cache.add(key, 0, timeout=seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 5)
        count = 1
    return count <= limit
