"""A small fixed-window rate limit in Django's cache, per client and action.

The client is a keyed hash of its IP address (``REMOTE_ADDR``; behind a proxy, set
``COMPLAINTS_PROCESS_CLIENT_IP_HEADER`` to the header it sets, e.g. ``HTTP_X_FORWARDED_FOR``),
so the cache holds no address.  Limits: ``conf.rate_limit`` (``COMPLAINTS_PROCESS_RATE_LIMITS``).

The counts live in the cache named by ``COMPLAINTS_PROCESS_RATE_LIMIT_CACHE`` (default
``"default"``).  It must be shared by every worker process: the database cache or Redis, never
the per-process memory cache (which a restart empties and each worker multiplies).  Every
refusal says when to come back: ``retry_after`` is the number of seconds to the end of the window,
sent as ``Retry-After`` with each 429.  When the cache cannot be reached the request is let
through (and a warning logged): a complaint is never lost to a cache outage.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac

from complaints_process.conf import rate_limit

logger = logging.getLogger("complaints_process.ratelimit")


def client_key(request) -> str:
    header = getattr(settings, "COMPLAINTS_PROCESS_CLIENT_IP_HEADER", None)
    address = (request.META.get(header, "") if header else "").split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")
    return salted_hmac("complaints_process.ratelimit", address).hexdigest()[:24]


def cache():
    return caches[getattr(settings, "COMPLAINTS_PROCESS_RATE_LIMIT_CACHE", "default")]


def refused(request, action: str) -> int | None:
    """Count one request; None if allowed, else the seconds until the client may try again (>= 1)."""
    limit, seconds = rate_limit(action)
    now = time.time()
    window = int(now // seconds)
    key = f"complaints_process:rl:{action}:{client_key(request)}:{window}"
    store = cache()
    try:
        store.add(key, 0, timeout=seconds + 5)
        try:
            count = store.incr(key)
        except ValueError:  # expired between add and incr
            store.set(key, 1, timeout=seconds + 5)
            count = 1
    except Exception as error:  # the cache is down (Redis restarting): filing must still work
        logger.warning("Rate limit not counted: the cache is unavailable (%s)", type(error).__name__)
        return None
    if count <= limit:
        return None
    return max(1, int((window + 1) * seconds - now + 0.999))


def hit(request, action: str) -> bool:
    """Count one request; False when the client is over the limit for this window."""
    return refused(request, action) is None


def retry_after_header(response, seconds: int):
    response["Retry-After"] = str(seconds)
    return response
