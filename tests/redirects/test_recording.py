"""Which saves record a former address (redirects.signals), seen in the table."""

from datetime import timedelta

import pytest

from articles.models import Article
from redirects.models import Redirect
from tests.builders import make_article, make_topic, now, tomorrow, yesterday
from tests.redirects.builders import published, rename

pytestmark = pytest.mark.django_db


def recorded():
    return {row.old_path: row.target for row in Redirect.objects.all()}


def test_renaming_a_published_article_records_its_former_address():
    article = published("Old headline", slug="old-headline")

    rename(article, "new-headline")

    assert recorded() == {"/articles/old-headline/": article}


def test_renaming_twice_points_both_former_addresses_at_the_article():
    article = published("First", slug="first")

    rename(rename(article, "second"), "third")

    assert recorded() == {"/articles/first/": article, "/articles/second/": article}


def test_renaming_back_forgets_the_live_address():
    article = published("Back and forth", slug="back")

    rename(rename(article, "forth"), "back")

    assert recorded() == {"/articles/forth/": article}


def test_a_save_that_keeps_the_slug_records_nothing():
    article = published("Unchanged", slug="unchanged")
    article.headline = "Unchanged, retitled"
    article.save()
    article.save(update_fields=["headline"])

    assert recorded() == {}


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT, "published_at": None, "first_published_at": None},
        # Scheduled: its first publication is still to come, nobody has the address.
        {"published_at": tomorrow(), "first_published_at": tomorrow()},
    ],
    ids=["draft", "scheduled"],
)
def test_an_article_readers_have_not_seen_records_nothing(fields):
    article = make_article("Not yet public", slug="not-yet-public", **fields)

    rename(article, "renamed")

    assert recorded() == {}


def test_an_article_taken_back_to_draft_still_records_its_former_address():
    article = published(
        "Withdrawn", slug="withdrawn", status=Article.Status.DRAFT, published_at=yesterday()
    )

    rename(article, "withdrawn-and-renamed")

    assert recorded() == {"/articles/withdrawn/": article}


def test_a_new_article_at_a_former_address_keeps_the_old_row(client):
    """The new page is served while it is live (the middleware acts on 404s only);
    once it moves on too, the address follows the latest article readers saw there."""
    renamed = rename(published("Taken", slug="taken"), "moved-on")

    newcomer = make_article("Taken again", slug="taken", first_published_at=now())

    assert recorded() == {"/articles/taken/": renamed}
    assert client.get("/articles/taken/").status_code == 200
    rename(newcomer, "taken-again")
    assert client.get("/articles/taken/")["Location"] == "/articles/taken-again/"


def test_a_draft_that_borrowed_a_former_address_does_not_erase_it(client):
    renamed = rename(published("Foo story", slug="foo-story"), "bar-story")
    draft = make_article("Foo story draft", slug="foo-story", status=Article.Status.DRAFT)

    rename(draft, "something-else")

    assert client.get("/articles/foo-story/").status_code == 301
    assert recorded() == {"/articles/foo-story/": renamed}


def test_an_article_renamed_onto_another_articles_former_address():
    first = rename(published("Shared", slug="shared"), "first-moved")
    second = published("Second", slug="second")

    rename(second, "shared")

    assert recorded() == {"/articles/second/": second, "/articles/shared/": first}
    assert first.slug == "first-moved"


def test_a_stale_row_for_the_same_address_is_pointed_at_the_renamed_article():
    other = published("Other", slug="other")
    article = published("Reused", slug="reused")
    # A row left from before, for an address the article is now leaving.
    Redirect.objects.create(old_path="/articles/reused/", target=other)

    rename(article, "reused-renamed")

    assert recorded() == {"/articles/reused/": article}


def test_renaming_a_topic_records_its_former_address():
    topic = make_topic("Lichen Planus", slug="lichen-planus")

    rename(topic, "lichen-planus-and-variants")

    assert recorded() == {"/topics/lichen-planus/": topic}


def test_deleting_the_target_removes_its_rows():
    article = rename(rename(published("Gone", slug="gone"), "gone-2"), "gone-3")
    topic = rename(make_topic("Vanishing", slug="vanishing"), "vanished")
    assert len(recorded()) == 3

    article.delete()
    assert recorded() == {"/topics/vanishing/": topic}
    topic.delete()
    assert recorded() == {}


def test_rows_are_newest_first():
    article = published("Order", slug="order-1")
    rename(article, "order-2")
    Redirect.objects.update(created_at=now() - timedelta(hours=1))
    rename(article, "order-3")

    assert [row.old_path for row in Redirect.objects.all()] == [
        "/articles/order-2/",
        "/articles/order-1/",
    ]
