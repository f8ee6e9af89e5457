"""Rate limits count in a cache every worker process shares: the database cache by default,
Redis when REDIS_URL is set.  A per-process memory cache would forget the counts on restart
and multiply the limit by the number of workers."""

import os

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory, override_settings

from complaints_process import ratelimit
from tests.site.test_settings import settings_value

DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "complaints_cache"}}


def test_the_site_uses_the_database_cache_by_default_and_redis_when_configured():
    assert settings_value("base", "s.CACHES['default']['BACKEND']").stdout.strip() == '"django.core.cache.backends.db.DatabaseCache"'
    with_redis = settings_value("base", "[s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION']]", REDIS_URL="redis://127.0.0.1:6379/4")
    assert with_redis.stdout.strip() == '["django.core.cache.backends.redis.RedisCache", "redis://127.0.0.1:6379/4"]'


@pytest.mark.django_db
def test_the_counts_are_in_the_database_where_every_worker_sees_them(settings):
    settings.COMPLAINTS_PROCESS_RATE_LIMITS = {"file": (2, 3600)}
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.10")
    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable", verbosity=0)
        caches["default"].clear()
        outcomes = [ratelimit.refused(request, "file") for _ in range(3)]
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM complaints_cache")
            stored = cursor.fetchone()[0]
        del caches["default"]  # a fresh connection to the same cache, as another worker has
        fourth = ratelimit.refused(request, "file")
    assert outcomes[:2] == [None, None] and 1 <= outcomes[2] <= 3600
    assert stored == 1 and fourth is not None and fourth >= 1


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI sets it)")
def test_with_redis_the_counts_are_in_redis(settings):
    settings.COMPLAINTS_PROCESS_RATE_LIMITS = {"status": (1, 600)}
    redis = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"], "KEY_PREFIX": "cp-test"}}
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.11")
    with override_settings(CACHES=redis):
        caches["default"].clear()
        assert ratelimit.refused(request, "status") is None
        del caches["default"]
        assert ratelimit.refused(request, "status") >= 1
        caches["default"].clear()


@pytest.mark.django_db
def test_a_cache_that_cannot_be_reached_lets_the_filing_through(settings, caplog):
    broken = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.12")
    with override_settings(CACHES=broken):
        assert ratelimit.refused(request, "file") is None
    assert "the cache is unavailable" in caplog.text
