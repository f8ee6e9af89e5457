"""Errors keep one JSON shape everywhere under the API, and a failure never leaks its cause."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from complaints_process.api import presenters

from .helpers import API, assert_error_shape

pytestmark = pytest.mark.django_db


def test_urls_are_in_the_complaints_api_namespace():
    assert reverse("complaints_api:authority_list") == f"{API}/authorities/"
    assert reverse("complaints_api:openapi-json") == f"{API}/openapi.json"
    assert reverse("complaints_api:procedure_timeline", kwargs={"authority": "walsall", "procedure": "p"}).endswith("/timeline")


@pytest.mark.parametrize("path", ["/nothing-here", "/authorities", "/authorities/walsall/procedures/", "/docs/"])
def test_an_unknown_path_under_the_api_is_a_json_404_not_a_page(client, seed_configs, path):
    detail = assert_error_shape(client.get(f"{API}{path}"), 404, [])
    assert detail[0]["type"] == "not_found"


def test_an_unexpected_failure_is_a_generic_json_500_and_the_log_holds_no_message(client, seed_configs, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("Jane Doe, 1 High Street")  # stands for personal data in an exception message

    monkeypatch.setattr(presenters, "authority_summary", broken)
    with caplog.at_level(logging.ERROR, logger="complaints_process.api"):
        response = client.get(f"{API}/authorities/")
    detail = assert_error_shape(response, 500, [])
    assert detail == [{"loc": [], "msg": "Internal server error.", "type": "server_error"}]
    assert b"Jane" not in response.content and b"Traceback" not in response.content
    assert "RuntimeError" in caplog.text
    assert "Jane" not in caplog.text
    assert all(record.exc_info is None for record in caplog.records)


def test_the_500_stays_generic_with_debug_on(client, seed_configs, monkeypatch, settings):
    settings.DEBUG = True
    monkeypatch.setattr(presenters, "procedure_detail", lambda *args: 1 / 0)
    response = client.get(f"{API}/authorities/walsall/procedures/childrens-statutory/")
    assert_error_shape(response, 500, [])
    assert b"ZeroDivisionError" not in response.content


def test_a_wrong_method_is_a_json_405_that_says_which_methods_are_allowed(seed_configs):
    client = Client(enforce_csrf_checks=True)  # a JSON 405, not Django's HTML CSRF page
    response = client.post(f"{API}/authorities/", data={}, content_type="application/json")
    detail = assert_error_shape(response, 405, [])
    assert detail[0]["type"] == "method_not_allowed"
    assert response["Allow"] == "GET"


def test_a_post_to_an_unknown_path_is_the_json_404_even_with_csrf_checks(seed_configs):
    response = Client(enforce_csrf_checks=True).post(f"{API}/nothing-here", data={}, content_type="application/json")
    assert_error_shape(response, 404, [])


@pytest.mark.parametrize("path", ["openapi.json", "docs"])
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_the_document_and_its_docs_page_take_only_get_and_head(path, method):
    client = Client(enforce_csrf_checks=True)
    assert client.get(f"{API}/{path}").status_code == 200
    assert client.head(f"{API}/{path}").status_code == 200
    response = client.generic(method, f"{API}/{path}", "{}", content_type="application/json")
    detail = assert_error_shape(response, 405, [])
    assert detail[0]["type"] == "method_not_allowed"
    assert response["Allow"] == "GET, HEAD"
