"""Fixtures for the API tests: the seed configs loaded as published versions."""

import pytest

from .helpers import load_seed_configs


@pytest.fixture
def seed_configs(db):
    """Every seed authority loaded, as `manage.py process_config load` would: {slug: AuthorityConfig}."""
    return {result.slug: result.version.config() for result in load_seed_configs()}


@pytest.fixture
def wsgi_app(db):
    """The site as a WSGI application, called in the test's thread and database transaction."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    # As Django's test client does: a request must not close the test's database connection
    # (on PostgreSQL that would end the test's transaction under the next request).  Done at
    # every call, since a request through the test client connects the receivers again when
    # it ends.
    handler = get_wsgi_application()

    def app(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        return handler(environ, start_response)

    yield app
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
