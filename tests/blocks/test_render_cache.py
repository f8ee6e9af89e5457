"""The config blocks' rendered HTML is reused between views; what is per visitor is not."""

import re

from tests.demo import page_url


def test_each_view_gets_its_own_submission_key_and_csrf_token_around_the_reused_form(demo, client):
    from django.test import Client

    first = client.get(page_url("walsall")).content.decode()
    second = Client().get(page_url("walsall")).content.decode()  # another visitor
    keys = [re.search(r'name="submission_key" value="([^"]+)"', html).group(1) for html in (first, second)]
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1) for html in (first, second)]
    assert keys[0] != keys[1] and tokens[0] != tokens[1]

    def without_per_view_values(html):
        return html.replace(keys[0], "").replace(keys[1], "").replace(tokens[0], "").replace(tokens[1], "")

    assert without_per_view_values(first) == without_per_view_values(second)


def test_a_second_view_renders_no_config_block_again(demo, client):
    """Reused HTML: the second view of the page asks the database only what any page asks."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from complaints_process.blocks import base

    client.get(page_url("walsall"))
    with CaptureQueriesContext(connection) as queries:
        client.get(page_url("walsall"))
    config_reads = [q["sql"] for q in queries.captured_queries if "processconfigversion" in q["sql"]]
    assert len(config_reads) == 1  # the current version, once per view (a new version shows at once)
    assert any(key[0].__name__ == "ProcessStagesBlock" for key in base._RENDERED)
