"""Django settings for the benchmarks: the site's base settings, quiet, with mail kept in
memory, rate limits out of the way of the load generator, and (``BENCH_PAGE_CACHE=1``)
Django's cache middleware in front of every page."""

import os

from council_site.settings.base import *  # noqa: F401,F403
from council_site.settings.base import LOGGING, MIDDLEWARE

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "benchmarks.urls"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
COMPLAINTS_PROCESS_RATE_LIMITS = {"file": (10**9, 3600), "status": (10**9, 3600), "escalate": (10**9, 3600)}
COMPLAINTS_PROCESS_SCHEDULE_SWEEP = False
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")}}

if os.environ.get("BENCH_PAGE_CACHE") == "1":
    MIDDLEWARE = ["django.middleware.cache.UpdateCacheMiddleware", *MIDDLEWARE, "django.middleware.cache.FetchFromCacheMiddleware"]
    CACHE_MIDDLEWARE_SECONDS = 600
    CACHE_MIDDLEWARE_KEY_PREFIX = "bench"
