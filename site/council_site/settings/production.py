"""Production: refuses to start without a real SECRET_KEY; secure cookies and HTTPS headers."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import INSECURE_DEFAULT_SECRET_KEY, SECRET_KEY, env_bool

if not SECRET_KEY or SECRET_KEY == INSECURE_DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "Production settings need SECRET_KEY set in the environment to a long random value "
        "(at least 32 characters); the development default is refused."
    )

DEBUG = env_bool("DEBUG", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The cache shared by every process (rate limits) is chosen in base: the database cache, or
# Redis when REDIS_URL is set.  EMAIL_BACKEND must be set to a real backend: the console
# default of base fails `check --deploy` (complaints_process.E007), as DEBUG does (E009).
