"""Settings for the fault drills: production's, served over plain HTTP on 127.0.0.1.

Production settings (``SECRET_KEY`` and ``DATABASE_URL`` from the environment) with the HTTPS
redirect off (no TLS proxy in front of ``runserver``) and the filing rate limit raised, so
one client can send the whole burst.
"""

from council_site.settings.production import *  # noqa: F401,F403

SECURE_SSL_REDIRECT = False
COMPLAINTS_PROCESS_RATE_LIMITS = {"file": (100_000, 3600), "status": (100_000, 600)}
