"""The drug pages run a fixed number of queries, whatever they show."""

from datetime import date, timedelta

import pytest

from newsroom.models import SiteSettings
from tests.builders import make_article, make_author
from tests.drugs.builders import make_drug
from tests.test_query_counts import count_queries

pytestmark = pytest.mark.django_db

MAX_QUERIES = {"detail": 8, "index": 5, "feed": 8}


def populate(name, n):
    milestones = [
        ("fda", "approval", date(2020, 1, 1) + timedelta(days=30 * i), f"use {i}") for i in range(n)
    ]
    articles = [
        make_article(authors=[make_author(), make_author()], tags=[f"t{name}{i}", "shared"])
        for i in range(n)
    ]
    return make_drug(name, slug=name, articles=articles, milestones=milestones)


def counts(client, drug):
    return {
        "detail": count_queries(client, drug.get_absolute_url()),
        "index": count_queries(client, "/drugs/"),
        "feed": count_queries(client, f"{drug.get_absolute_url()}feed/"),
    }


def test_drug_pages_do_not_grow_with_articles_milestones_or_drugs(client):
    SiteSettings.load()
    small = counts(client, populate("small", 1))
    large = counts(client, populate("large", 8))
    for n in range(5):
        populate(f"more{n}", 1)
    assert counts(client, populate("largest", 8)) == large == small
    for page, count in large.items():
        assert count <= MAX_QUERIES[page], (page, count)
