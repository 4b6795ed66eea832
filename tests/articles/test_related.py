"""Related reading under an article: what it shares with others, newest first among
equals, only what readers may see, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from newsroom.models import SiteSettings
from tests.builders import days_ago, get_topic, make_article, make_draft, make_reference, now
from tests.pages import parse
from tests.test_query_counts import count_queries
from topics.models import Topic

pytestmark = pytest.mark.django_db


def related(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return list(response.context["related"])


def test_two_shared_tags_rank_above_one_shared_topic(client):
    article = make_article("Main", tags=["ruxolitinib", "TRuE-V1"])
    same_topic = make_article("Same topic, newer", published_at=days_ago(0.5))
    two_tags = make_article(
        "Two tags, older, elsewhere",
        primary_topic=get_topic("acne"),
        tags=["ruxolitinib", "TRuE-V1"],
        published_at=days_ago(5),
    )
    one_tag = make_article(
        "One tag", primary_topic=get_topic("acne"), tags=["ruxolitinib"], published_at=days_ago(4)
    )
    unrelated = make_article("Unrelated", primary_topic=get_topic("acne"), tags=["isotretinoin"])

    assert related(client, article) == [two_tags, one_tag, same_topic]
    assert unrelated not in related(client, article)


def test_shared_further_topics_count_and_recency_breaks_ties(client):
    drug_watch, eczema = get_topic("drug-watch"), get_topic("eczema")
    article = make_article("Main", topics=[drug_watch, eczema])
    older = make_article(
        "Older",
        primary_topic=get_topic("acne"),
        topics=[drug_watch, eczema],
        published_at=days_ago(6),
    )
    newer = make_article(
        "Newer",
        primary_topic=get_topic("acne"),
        topics=[eczema, drug_watch],
        published_at=days_ago(2),
    )
    # Vitiligo (the main article's primary topic) as a further topic shares it too.
    filed_also = make_article(
        "Also in vitiligo",
        primary_topic=get_topic("acne"),
        topics=[get_topic("vitiligo")],
        published_at=days_ago(1),
    )

    assert related(client, article) == [newer, older, filed_also]


def test_a_topic_counts_once_even_when_filed_twice(client):
    vitiligo = get_topic("vitiligo")
    article = make_article("Main", tags=["EMA"])
    twice = make_article("Vitiligo twice", topics=[vitiligo], published_at=days_ago(3))
    one_tag = make_article(
        "Tag only", primary_topic=get_topic("acne"), tags=["EMA"], published_at=days_ago(4)
    )

    # A tag (4) outweighs a topic (2), however often the topic is filed.
    assert related(client, article) == [one_tag, twice]


def test_parent_and_subtopics_count_for_less_than_the_same_topic(client):
    article = make_article("Main")  # Vitiligo, under Pigmentary Disorders
    parent = make_article(
        "Parent topic", primary_topic=get_topic("pigmentary-disorders"), published_at=days_ago(0.5)
    )
    same = make_article("Same topic", published_at=days_ago(3))
    make_article("Far away", primary_topic=get_topic("acne"))

    assert related(client, article) == [same, parent]


def test_never_itself_nor_anything_readers_cannot_see(client):
    tags = ["ruxolitinib", "TRuE-V1"]
    article = make_article("Main", tags=tags)
    live = make_article("Live", tags=tags)
    make_draft("Draft", tags=tags)
    make_article("In review", tags=tags, status=Article.Status.REVIEW, published_at=None)
    make_article("Archived", tags=tags, status=Article.Status.ARCHIVED, published_at=days_ago(2))
    make_article("Scheduled", tags=tags, published_at=now() + timedelta(hours=1))

    assert related(client, article) == [live]


def test_without_tags_or_further_topics_the_newest_in_the_primary_topic(client):
    article = make_article("Main", published_at=days_ago(10))
    siblings = [make_article(f"Sibling {n}", published_at=days_ago(n)) for n in range(1, 7)]
    make_article("Newest elsewhere", primary_topic=get_topic("acne"), published_at=days_ago(0.1))

    assert related(client, article) == siblings[:4]


def test_page_shows_related_reading_in_order(client):
    article = make_article("Main", tags=["EMA"])
    tagged = make_article(
        "Tagged story", primary_topic=get_topic("acne"), tags=["EMA"], published_at=days_ago(3)
    )
    sibling = make_article("Sibling story", published_at=days_ago(2))

    # A section of the page's aside (beside the text on wide screens).
    page_aside = parse(client.get(article.get_absolute_url())).find("aside", cls="article-aside")
    aside = page_aside.find("section", cls="related")

    assert aside.find("h2").text == "Related reading"
    headlines = [heading.text for heading in aside.find_all("h3")]
    assert headlines == [tagged.headline, sibling.headline]


def test_ranking_is_one_query(django_assert_num_queries):
    article = make_article("Main", tags=["EMA", "JAK"], topics=[get_topic("drug-watch")])
    for _ in range(5):
        make_article(tags=["EMA"], topics=[get_topic("drug-watch")])
    article = Article.objects.for_detail().get(pk=article.pk)
    tree = Topic.objects.tree()

    with django_assert_num_queries(1):
        found = list(Article.objects.related_to(article, tree=tree)[:4])
    assert len(found) == 4


def populate_related(article, n):
    """n published articles each sharing tags and topics with the article, plus hidden ones."""
    for index in range(n):
        other = make_article(
            primary_topic=get_topic(["vitiligo", "acne", "pigmentary-disorders"][index % 3]),
            topics=[get_topic("drug-watch"), get_topic("eczema")][: index % 3],
            tags=["ruxolitinib", "JAK inhibitors", f"extra-{index}"][: 1 + index % 3],
            published_at=days_ago(1 + index),
        )
        make_reference(other)
        make_draft(tags=["ruxolitinib"])


def test_article_page_queries_do_not_grow_with_related_articles(client):
    SiteSettings.load()
    tags = ["ruxolitinib", "JAK inhibitors", "TRuE-V1"]
    topics = [get_topic("drug-watch"), get_topic("eczema")]
    small = make_article("Small", tags=tags, topics=topics, references=2)
    populate_related(small, 2)
    small_count = count_queries(client, small.get_absolute_url())

    large = make_article("Large", tags=tags, topics=topics, references=2)
    populate_related(large, 40)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(large.get_absolute_url())
    assert len(response.context["related"]) == 4

    assert len(queries) == small_count
    assert small_count <= 12  # trials and drug links joined the page: one query each


def test_only_the_newest_of_each_tag_are_candidates(client, monkeypatch):
    # Two candidates per tag and topic: the oldest-added article of the tag is not
    # scored, however much it shares, so the work stays bounded on a large archive.
    monkeypatch.setattr("articles.models.RELATED_CANDIDATES_PER_GROUP", 2)
    article = make_article("Main", primary_topic=get_topic("acne"), tags=["EMA", "JAK"])
    elsewhere = get_topic("vitiligo")
    first = make_article("First", primary_topic=elsewhere, tags=["EMA", "JAK"])
    second = make_article("Second", primary_topic=elsewhere, tags=["EMA"])
    third = make_article("Third", primary_topic=elsewhere, tags=["EMA"])

    # "First" shares two tags: beyond the newest two of "EMA", it is still among
    # the newest two of "JAK" (with Main itself), so it is scored and ranks first.
    assert related(client, article) == [first, third, second]
    fourth = make_article("Fourth", primary_topic=elsewhere, tags=["JAK"])
    fifth = make_article("Fifth", primary_topic=elsewhere, tags=["JAK"])
    # Now beyond the newest two of both its tags, it is not scored at all.
    assert related(client, article) == [fifth, fourth, third, second]
