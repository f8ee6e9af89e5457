"""The settings read the environment; production refuses to start with the default key."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_value(module: str, expression: str, **env) -> subprocess.CompletedProcess:
    code = (
        "import os, sys, json; sys.path.insert(0, 'site'); "
        f"import importlib; s = importlib.import_module('council_site.settings.{module}'); "
        f"print(json.dumps({expression}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True)


def test_production_refuses_to_start_without_a_secret_key():
    result = settings_value("production", "s.DEBUG")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_the_development_default_key():
    result = settings_value("production", "s.DEBUG", SECRET_KEY="insecure-default-key-for-development-only")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_key_and_debug_off():
    result = settings_value("production", "[s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE]", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[false, true, true]"


def test_debug_is_off_unless_asked():
    assert settings_value("base", "s.DEBUG").stdout.strip() == "false"
    assert settings_value("base", "s.DEBUG", DEBUG="1").stdout.strip() == "true"


def test_database_defaults_to_a_sqlite_file_in_the_project_folder():
    result = settings_value("base", "[s.DATABASES['default']['ENGINE'], str(s.DATABASES['default']['NAME'])]")
    engine, name = json.loads(result.stdout)
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == ROOT / "site" / "db.sqlite3"


def test_database_url_selects_postgresql():
    result = settings_value(
        "base",
        "[s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], s.DATABASES['default']['HOST']]",
        DATABASE_URL="postgres://someone@db.example:5432/complaints",
    )
    assert result.stdout.strip() == '["django.db.backends.postgresql", "complaints", "db.example"]'


def test_django_q_uses_the_orm_broker_by_default_and_redis_when_redis_url_is_set():
    assert settings_value("base", "[s.Q_CLUSTER.get('orm'), s.Q_CLUSTER.get('redis')]").stdout.strip() == '["default", null]'
    result = settings_value("base", "[s.Q_CLUSTER.get('orm'), s.Q_CLUSTER.get('redis')]", REDIS_URL="redis://127.0.0.1:6379/3")
    assert result.stdout.strip() == '[null, "redis://127.0.0.1:6379/3"]'


def test_django_q_task_timeout_is_below_retry():
    result = settings_value("base", "[s.Q_CLUSTER['timeout'], s.Q_CLUSTER['retry']]")
    timeout, retry = json.loads(result.stdout)
    assert timeout < retry


def test_allowed_hosts_come_from_the_environment():
    result = settings_value("base", "s.ALLOWED_HOSTS", ALLOWED_HOSTS="complaints.example.gov.uk, www.example.gov.uk")
    assert result.stdout.strip() == '["complaints.example.gov.uk", "www.example.gov.uk"]'


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "council_site.settings.production",
    "SECRET_KEY": "kT3v9-Qx_7bLm2Wz8Rj4Np6Hc1Ys5Ud0Fa-Ge3Ko9Vi7Tw2Bq8Xn4Zp6Jr1Lh5Mf",
    "ALLOWED_HOSTS": "complaints.example.gov.uk",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


def test_production_settings_pass_the_deploy_check_with_no_warning(tmp_path):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}}
    env = {**clean, **PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_refuses_debug_under_the_production_settings(tmp_path):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}}
    env = {**clean, **PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DEBUG": "1"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "?: (complaints_process.E009) DEBUG is on" in result.stderr


def test_email_has_a_timeout_so_a_stuck_mail_server_holds_no_worker():
    assert settings_value("production", "s.EMAIL_TIMEOUT", SECRET_KEY="x" * 50).stdout.strip() == "10"
    assert settings_value("base", "s.EMAIL_TIMEOUT", EMAIL_TIMEOUT="3").stdout.strip() == "3"


HEADERS_SCRIPT = """
import json, django
from django.test import Client
django.setup()
client = Client(HTTP_HOST="complaints.example.gov.uk")
plain = client.get("/complaints/status/")
secure = client.get("/complaints/status/", secure=True)
cookie = secure.cookies["csrftoken"]
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "headers": {name: secure.get(name) for name in (
        "Strict-Transport-Security", "X-Frame-Options", "Referrer-Policy", "X-Content-Type-Options",
        "Content-Security-Policy", "Cross-Origin-Opener-Policy")},
    "csrf_cookie": {"secure": cookie["secure"], "samesite": cookie["samesite"]},
}))
"""


def test_production_sends_the_security_headers_and_secure_cookies(tmp_path):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}}
    env = {**clean, **PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PYTHONPATH": "site"}
    result = subprocess.run([sys.executable, "-c", HEADERS_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["plain"] == [301, "https://complaints.example.gov.uk/complaints/status/"]
    headers = answer["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'" and policy["form-action"] == "'self'"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert answer["csrf_cookie"] == {"secure": True, "samesite": "Lax"}
