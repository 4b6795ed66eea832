"""Every reader page runs a fixed number of queries, whatever it shows.

Each page is measured small and then large (more articles, authors, tags,
references, featured topics); the large one may not need more queries.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.models import Correction, SiteSettings
from tests.builders import get_topic, make_article, make_author, make_reference
from topics.models import Topic

pytestmark = pytest.mark.django_db

# Upper bounds per page, asserted below; the growth check is the real guard.
MAX_QUERIES = {
    "home": 9,
    "topic_index": 5,
    "topic_detail": 6,
    # One query each for the evidence table, the tags' drug links (shared by the
    # tags and the key facts), related reading and "Latest in <topic>" (headline
    # lists without bylines, so no prefetch query for either).
    "article": 12,
    "author": 7,
    "tag": 7,
}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def populate(n, tag="jak-inhibitors"):
    author = make_author()
    Topic.objects.filter(slug__in=["acne", "rosacea", "melasma"]).update(featured=n > 12)
    for index in range(n):
        topic = get_topic(["vitiligo", "psoriasis", "acne", "rosacea", "melasma"][index % 5])
        article = make_article(
            authors=[author, make_author()],
            primary_topic=topic,
            topics=[get_topic("drug-watch"), get_topic("eczema")],
            tags=[tag, f"extra-{index}"],
        )
        for number in range(1, 2 + index % 3):
            make_reference(article, number=number)
    return author


def list_page_query_counts(client, author):
    urls = {
        "home": reverse("home"),
        "topic_index": reverse("topics:index"),
        "topic_detail": reverse("topics:detail", args=["drug-watch"]),
        "author": author.get_absolute_url(),
        "tag": reverse("articles:tag", args=["jak-inhibitors"]),
    }
    return {page: count_queries(client, url) for page, url in urls.items()}


def test_home_topic_and_list_pages_do_not_grow_with_content(client):
    SiteSettings.load()
    # Enough for every part of the home page (lead, latest, sections) to show some.
    small = list_page_query_counts(client, populate(12))
    large = list_page_query_counts(client, populate(30))
    assert large == small
    for page, count in large.items():
        assert count <= MAX_QUERIES[page], (page, count)


def add_notes(article, pairs):
    """A correction and an update note per pair: the page lists them at the foot and
    shows "Corrected" and "Updated" near the byline."""
    for index in range(pairs):
        for kind in Correction.Kind.values:
            Correction.objects.create(article=article, kind=kind, note=f"{kind} {index}.")


def test_article_page_does_not_grow_with_references_authors_tags_or_topics(
    client, django_assert_max_num_queries
):
    SiteSettings.load()
    # One of everything, so the comparison is about how many, not whether.
    small = make_article("Small article", references=1, tags=["one"], topics=[get_topic("eczema")])
    add_notes(small, 1)
    make_article(primary_topic=small.primary_topic)
    small_count = count_queries(client, small.get_absolute_url())

    big = make_article(
        "Big article",
        authors=[make_author() for _ in range(4)],
        references=12,
        tags=[f"tag-{n}" for n in range(8)],
        topics=[get_topic(slug) for slug in ("eczema", "acne", "rosacea", "drug-watch")],
        body=" ".join(f"Claim[{n}]." for n in range(1, 13)),
    )
    add_notes(big, 5)
    for _ in range(6):
        make_article(primary_topic=big.primary_topic)

    with django_assert_max_num_queries(MAX_QUERIES["article"]):
        response = client.get(big.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["article"].corrections.all()) == 10
    assert count_queries(client, big.get_absolute_url()) == small_count
