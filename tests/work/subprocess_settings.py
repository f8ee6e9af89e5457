"""Settings for a worker started by a test in another process, against the test's database.

The test passes the database name it is using (``COMPLAINTS_TEST_DB_NAME``), and the broker:
Redis when ``REDIS_URL`` is set, else the ORM broker.  Mail goes to files in
``COMPLAINTS_TEST_EMAIL_DIR`` (or through ``COMPLAINTS_TEST_EMAIL_BACKEND``).
"""

import os

from council_site.settings.test import *  # noqa: F401,F403
from council_site.settings.test import DATABASES, Q_CLUSTER

DATABASES["default"]["NAME"] = os.environ["COMPLAINTS_TEST_DB_NAME"]
DATABASES["default"]["TEST"] = {"NAME": os.environ["COMPLAINTS_TEST_DB_NAME"]}
Q_CLUSTER = {key: value for key, value in Q_CLUSTER.items() if key not in ("sync", "orm", "redis")}
# The same name (it salts the task signatures), a queue of the test's own.
Q_CLUSTER.update({"cluster_name": os.environ.get("COMPLAINTS_TEST_Q_NAME", "complaints-test"), "workers": 1, "poll": 0.2})
if os.environ.get("REDIS_URL"):
    Q_CLUSTER["redis"] = os.environ["REDIS_URL"]
else:
    Q_CLUSTER["orm"] = "default"
EMAIL_BACKEND = os.environ.get("COMPLAINTS_TEST_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("COMPLAINTS_TEST_EMAIL_DIR", "/tmp/complaints-test-mail")
