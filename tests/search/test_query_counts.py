"""A search runs a fixed number of queries, whatever it finds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.models import SiteSettings
from tests.search.helpers import SEARCH_URL
from tests.test_query_counts import populate

pytestmark = pytest.mark.django_db

MAX_QUERIES = 6
SEARCHES = {
    "words": {"q": "paragraph body"},
    "filtered": {"q": "paragraph", "topic": "pigmentary-disorders", "tag": "jak-inhibitors"},
    "by_date": {"q": "deck", "sort": "date", "from": "2000-01-01"},
    "filters_only": {"topic": "vitiligo"},
    "empty": {},
}


def counts(client):
    result = {}
    for name, params in SEARCHES.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(SEARCH_URL, params)
        assert response.status_code == 200
        result[name] = (len(queries), len(response.context["articles"]))
    return result


def test_search_does_not_grow_with_content(client, committed, settings):
    SiteSettings.load()
    settings.ARTICLES_PER_PAGE = 20
    with committed():
        populate(6)
    small = counts(client)
    with committed():
        populate(40, tag="jak-inhibitors")
    large = counts(client)
    # Same queries, more rows shown (a full page of 20 for the big searches).
    assert {name: count for name, (count, _) in large.items()} == {
        name: count for name, (count, _) in small.items()
    }
    assert large["words"][1] == 20 > small["words"][1] > 0
    for name, (count, _) in large.items():
        assert count <= MAX_QUERIES, (name, count)
