"""The topic index names each topic's newest published article, subtopics included."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import dateformat

from newsroom.models import SiteSettings
from tests.builders import get_topic, make_article, make_draft, now, tomorrow
from tests.pages import parse
from tests.test_query_counts import count_queries, populate

pytestmark = pytest.mark.django_db


def newest_by_topic(response):
    """{topic name: ((link, headline), date text) or None} as the index shows them: a
    top-level topic's newest article under its heading, a subtopic's in its list item."""

    def newest(holder):
        found = [
            child for child in holder.children if "topic-newest" in child.attrs.get("class", "")
        ]
        return found and (found[0].links()[0], found[0].find("time").text) or None

    shown = {}
    for section in parse(response).find(cls="topic-index").find_all("section"):
        # The group's own newest article sits beside its heading, in the group's box.
        shown[section.find("h2").links()[0][1]] = newest(section.find(cls="topic-group__inner"))
        for item in section.find_all("li"):
            shown[item.links()[0][1]] = newest(item)
    return shown


def test_topic_index_shows_the_newest_published_article_of_each_topic(client):
    old = make_article("Old vitiligo", published_at=now() - timedelta(days=5))
    melasma = make_article(
        "Melasma news", primary_topic=get_topic("melasma"), published_at=now() - timedelta(days=3)
    )
    # Filed under Vitiligo as a further topic, and newer than the Melasma article.
    further = make_article(
        "Acne with a vitiligo angle",
        primary_topic=get_topic("acne"),
        topics=[get_topic("vitiligo")],
        published_at=now() - timedelta(days=2),
    )
    make_draft("Draft vitiligo")
    make_article("Scheduled vitiligo", published_at=tomorrow())
    make_article("Archived vitiligo", status="archived", published_at=now())

    response = client.get(reverse("topics:index"))

    shown = newest_by_topic(response)
    assert shown["Vitiligo"] == (
        (further.get_absolute_url(), further.headline),
        dateformat.format(further.published_at, "M j, Y"),
    )
    assert shown["Melasma"] == (
        (melasma.get_absolute_url(), melasma.headline),
        dateformat.format(melasma.published_at, "M j, Y"),
    )
    # A parent shows the newest of its whole branch.
    assert shown["Pigmentary Disorders"][0] == (further.get_absolute_url(), further.headline)
    assert shown["Acne"][0] == (further.get_absolute_url(), further.headline)
    assert shown["Psoriasis"] is None
    assert old.headline not in parse(response).text


def test_topic_index_queries_do_not_grow_with_content(client, django_assert_max_num_queries):
    SiteSettings.load()
    populate(3)
    small = count_queries(client, reverse("topics:index"))
    populate(25)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("topics:index"))
    assert response.status_code == 200
    assert count_queries(client, reverse("topics:index")) == small


def test_topic_index_counts_an_article_once_per_branch_however_often_it_is_filed_there(client):
    # Vitiligo as primary topic, Melasma as further topic: both under Pigmentary
    # Disorders, which still has one article; Acne (another branch) has none.
    make_article("Twice filed", topics=[get_topic("melasma"), get_topic("vitiligo")])
    make_article("Acne only", primary_topic=get_topic("acne"), status="draft")

    index = parse(client.get(reverse("topics:index"))).find(cls="topic-index")
    counts = {}
    for section in index.find_all("section"):
        heading = section.find("h2")
        counts[heading.links()[0][1]] = heading.find(cls="count").text
        for item in section.find_all("li"):
            counts[item.links()[0][1]] = item.find(cls="count").text
    assert counts["Pigmentary Disorders"] == "1 article"
    assert counts["Vitiligo"] == "1 article"
    assert counts["Melasma"] == "1 article"
    assert counts["Acne"] == "0 articles"
