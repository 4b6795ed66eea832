"""Article.objects.published(): the one definition of what readers may see."""

from datetime import timedelta

import pytest
from django.db.models.lookups import LessThanOrEqual

from articles import workflow
from articles.models import Article
from tests.builders import (
    get_topic,
    make_article,
    make_author,
    make_draft,
    make_editor,
    now,
    tomorrow,
    yesterday,
)
from tests.pages import parse

pytestmark = pytest.mark.django_db

DRAFT = Article.Status.DRAFT
REVIEW = Article.Status.REVIEW
PUBLISHED = Article.Status.PUBLISHED
ARCHIVED = Article.Status.ARCHIVED


def a_moment_ago():
    return now() - timedelta(seconds=1)


def in_a_moment():
    # Far enough ahead that a slow test run does not catch up with it.
    return now() + timedelta(minutes=5)


def no_date():
    return None


@pytest.mark.parametrize(
    ("status", "when", "visible", "state"),
    [
        (PUBLISHED, yesterday, True, workflow.PUBLISHED),
        (PUBLISHED, a_moment_ago, True, workflow.PUBLISHED),
        (PUBLISHED, in_a_moment, False, workflow.SCHEDULED),
        (PUBLISHED, tomorrow, False, workflow.SCHEDULED),
        # Published without a date: no workflow move makes it, and readers never see it.
        (PUBLISHED, no_date, False, None),
        (DRAFT, no_date, False, workflow.DRAFT),
        (DRAFT, yesterday, False, workflow.DRAFT),
        (DRAFT, a_moment_ago, False, workflow.DRAFT),
        (DRAFT, in_a_moment, False, workflow.DRAFT),
        (DRAFT, tomorrow, False, workflow.DRAFT),
        (REVIEW, no_date, False, workflow.REVIEW),
        (REVIEW, yesterday, False, workflow.REVIEW),
        (REVIEW, tomorrow, False, workflow.REVIEW),
        (ARCHIVED, yesterday, False, workflow.ARCHIVED),
        (ARCHIVED, tomorrow, False, workflow.ARCHIVED),
    ],
)
def test_visibility_matrix(status, when, visible, state):
    article = make_article(status=status, published_at=when())

    assert (article in Article.objects.published()) is visible
    assert article.is_published is visible
    if state is not None:
        assert workflow.state_of(article) == state
    assert article.is_scheduled is (state == workflow.SCHEDULED)
    assert (article in Article.objects.scheduled()) is (state == workflow.SCHEDULED)
    # The default manager hides nothing: the admin and dumps need drafts.
    assert article in Article.objects.all()


def test_published_now_is_visible():
    article = make_article(published_at=now())

    assert list(Article.objects.published()) == [article]


def query_time(queryset):
    """The "now" a published() queryset compares publication dates with."""
    (lookup,) = [
        child
        for child in queryset.query.where.children
        if isinstance(child, LessThanOrEqual) and child.lhs.target.name == "published_at"
    ]
    return lookup.rhs


def test_publication_time_equal_to_query_time_is_visible():
    # published() reads the clock once, when it is called. Setting an article's
    # publication time to exactly that instant pins the boundary without faking
    # the clock: "from this time on" includes the instant itself.
    published = Article.objects.published()
    at = query_time(published)
    on_the_dot = make_article("On the dot", published_at=at)
    make_article("A microsecond late", published_at=at + timedelta(microseconds=1))

    assert list(published) == [on_the_dot]


def test_published_lists_are_newest_first():
    older = make_article("Older", published_at=yesterday() - timedelta(days=1))
    newer = make_article("Newer", published_at=a_moment_ago())

    assert list(Article.objects.published().newest_first()) == [newer, older]


# What readers see: draft, in-review, scheduled and archived articles are nowhere on
# the public site.

HIDDEN = ["draft", "review", "scheduled", "archived"]


@pytest.fixture
def hidden_and_live():
    """A live article and hidden ones, one per state, sharing its topic, author and tag."""
    author = make_author("Ana Rivera")
    shared = {"authors": [author], "tags": ["ruxolitinib"]}
    return {
        "author": author,
        "live": make_article("Live ruxolitinib story", **shared),
        "draft": make_draft("Draft ruxolitinib story", **shared),
        "review": make_draft("Ruxolitinib story in review", status=REVIEW, **shared),
        "scheduled": make_article("Scheduled ruxolitinib story", published_at=tomorrow(), **shared),
        # Withdrawn from readers after it ran.
        "archived": make_article("Archived ruxolitinib story", status=ARCHIVED, **shared),
    }


def assert_lists_only_the_live_article(response, articles):
    assert response.status_code == 200
    text = parse(response).text
    assert articles["live"].headline in text
    for hidden in HIDDEN:
        assert articles[hidden].headline not in text, hidden


@pytest.mark.parametrize("hidden", HIDDEN)
def test_hidden_article_page_is_404(client, hidden_and_live, hidden):
    article = hidden_and_live[hidden]

    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(hidden_and_live["live"].get_absolute_url()).status_code == 200


def test_home_page_shows_only_live_articles(client, hidden_and_live):
    response = client.get("/")

    assert_lists_only_the_live_article(response, hidden_and_live)
    assert response.context["lead"] == hidden_and_live["live"]
    assert response.context["latest"] == []


def test_home_page_does_not_lead_with_a_featured_draft(client, hidden_and_live):
    make_draft("Featured draft", featured=True)
    make_article("Featured scheduled", published_at=tomorrow(), featured=True)
    make_article("Featured archived", status=ARCHIVED, featured=True)

    response = client.get("/")

    assert response.context["lead"] == hidden_and_live["live"]
    text = parse(response).text
    for headline in ("Featured draft", "Featured scheduled", "Featured archived"):
        assert headline not in text


def test_topic_page_shows_only_live_articles(client, hidden_and_live):
    # Vitiligo's own page and its parent's, which lists its subtopics' articles.
    for url in ["/topics/vitiligo/", "/topics/pigmentary-disorders/"]:
        response = client.get(url)

        assert_lists_only_the_live_article(response, hidden_and_live)
        assert list(response.context["articles"]) == [hidden_and_live["live"]]


def test_further_topic_page_shows_only_live_articles(client, hidden_and_live):
    melasma = get_topic("melasma")
    for key in ("live", *HIDDEN):
        hidden_and_live[key].topics.add(melasma)

    response = client.get("/topics/melasma/")

    assert_lists_only_the_live_article(response, hidden_and_live)


def test_topic_index_counts_only_live_articles(client, hidden_and_live):
    response = client.get("/topics/")

    assert response.status_code == 200
    counts = {
        topic.slug: topic.article_count
        for root, subtopics in response.context["groups"]
        for topic in [root, *subtopics]
    }
    assert counts["vitiligo"] == 1
    assert counts["pigmentary-disorders"] == 1
    assert counts["melasma"] == 0


def test_tag_page_shows_only_live_articles(client, hidden_and_live):
    response = client.get("/tags/ruxolitinib/")

    assert_lists_only_the_live_article(response, hidden_and_live)


def test_tag_used_only_on_hidden_articles_is_404(client):
    make_draft("Draft", tags=["deucravacitinib"])
    make_draft("In review", status=REVIEW, tags=["deucravacitinib"])
    make_article("Scheduled", published_at=tomorrow(), tags=["deucravacitinib"])
    make_article("Archived", status=ARCHIVED, tags=["deucravacitinib"])

    assert client.get("/tags/deucravacitinib/").status_code == 404


def test_author_page_shows_only_live_articles(client, hidden_and_live):
    response = client.get(hidden_and_live["author"].get_absolute_url())

    assert_lists_only_the_live_article(response, hidden_and_live)
    assert list(response.context["articles"]) == [hidden_and_live["live"]]


def test_hidden_articles_are_not_related_articles(client, hidden_and_live):
    other = make_article("Another vitiligo story")

    response = client.get(other.get_absolute_url())

    assert response.status_code == 200
    assert list(response.context["related"]) == [hidden_and_live["live"]]


def test_editor_sees_hidden_articles_in_the_admin(client, hidden_and_live):
    editor = make_editor()
    client.force_login(editor)

    changelist = client.get("/admin/articles/article/")

    assert changelist.status_code == 200
    listed = set(changelist.context["cl"].result_list)
    assert listed == {hidden_and_live[key] for key in ("live", *HIDDEN)}
    for key in HIDDEN:
        article = hidden_and_live[key]
        change = client.get(f"/admin/articles/article/{article.pk}/change/")
        assert change.status_code == 200
        assert change.context["original"] == article
        form = parse(change).find("form", id="article_form")
        assert form.find("input", name="headline").attrs["value"] == article.headline
        assert change.context["adminform"].form["state"].value() == key
