"""Settings for the test suite: the same database choice as base (DATABASE_URL), fast hashing,
email kept in memory, Django-Q2 tasks run synchronously unless a test asks for a broker."""

from .base import *  # noqa: F401,F403
from .base import Q_CLUSTER

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
# Each test starts from an empty cache (tests/views/public/conftest.py); the shared caches of base
# are tested in tests/site/test_rate_limit_cache.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
