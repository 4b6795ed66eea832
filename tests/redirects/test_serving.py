"""Former addresses as a reader follows them (redirects.middleware.FormerURLMiddleware)."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from redirects.middleware import candidate_paths
from redirects.models import Redirect
from tests.builders import form_data_from, make_article, make_topic
from tests.redirects.builders import published, rename
from tests.redirects.pages import headline

pytestmark = pytest.mark.django_db

TABLE = Redirect._meta.db_table


def redirects_queries(queries):
    return [query["sql"] for query in queries if TABLE in query["sql"]]


def test_a_renamed_article_moves_permanently_to_its_new_address(client):
    article = rename(published("Ruxolitinib cream for vitiligo", slug="rux-old"), "rux-new")

    old = client.get("/articles/rux-old/")
    new = client.get("/articles/rux-new/")

    assert old.status_code == 301
    assert old["Location"] == "/articles/rux-new/"
    assert new.status_code == 200
    assert new.context["article"] == article
    assert headline(new) == "Ruxolitinib cream for vitiligo"


def test_an_article_renamed_twice_answers_both_former_addresses_in_one_hop(client):
    rename(rename(published("Twice renamed", slug="first"), "second"), "third")

    for former in ["/articles/first/", "/articles/second/"]:
        response = client.get(former, follow=True)

        assert response.redirect_chain == [("/articles/third/", 301)]
        assert response.status_code == 200
        assert headline(response) == "Twice renamed"


def test_an_article_renamed_back_is_served_at_its_address_without_a_loop(client):
    rename(rename(published("Back again", slug="back"), "away"), "back")

    live = client.get("/articles/back/")
    former = client.get("/articles/away/", follow=True)

    assert live.status_code == 200
    assert headline(live) == "Back again"
    assert not Redirect.objects.filter(old_path="/articles/back/").exists()
    assert former.redirect_chain == [("/articles/back/", 301)]
    assert former.status_code == 200


def test_a_draft_that_was_never_published_leaves_no_redirect(client):
    draft = make_article(
        "Draft",
        slug="draft-old",
        status=Article.Status.DRAFT,
        published_at=None,
        first_published_at=None,
    )
    rename(draft, "draft-new")

    assert Redirect.objects.count() == 0
    assert client.get("/articles/draft-old/").status_code == 404


def test_a_new_article_at_a_former_address_is_served_there(client):
    rename(published("Original story", slug="shared-slug"), "original-story")
    newcomer = published("Newcomer story", slug="shared-slug")

    response = client.get("/articles/shared-slug/")

    assert response.status_code == 200
    assert response.context["article"] == newcomer
    assert headline(response) == "Newcomer story"


def test_a_topic_renamed_in_the_admin_redirects_with_the_rest_of_the_address(client):
    topic = make_topic("Lichen Planus", slug="lichen-planus")
    client.force_login(User.objects.create_superuser("chief", "chief@example.com", "pw-123456"))
    change_url = f"/admin/topics/topic/{topic.pk}/change/"
    data = form_data_from(client.get(change_url).content.decode(), "topic_form")
    data["slug"] = "lichen-planus-and-variants"

    saved = client.post(change_url, data)
    client.logout()

    assert saved.status_code == 302
    moved = client.get("/topics/lichen-planus/")
    assert moved.status_code == 301
    assert moved["Location"] == "/topics/lichen-planus-and-variants/"
    assert client.get("/topics/lichen-planus/?page=2")["Location"] == (
        "/topics/lichen-planus-and-variants/?page=2"
    )
    assert client.get("/topics/lichen-planus/feed/")["Location"] == (
        "/topics/lichen-planus-and-variants/feed/"
    )
    current = client.get("/topics/lichen-planus/", follow=True)
    assert current.status_code == 200
    assert headline(current) == "Lichen Planus"


def test_a_former_address_without_its_slash_moves_in_one_hop(client):
    rename(published("Slashless", slug="slashless-old"), "slashless-new")

    response = client.get("/articles/slashless-old", follow=True)

    assert response.redirect_chain == [("/articles/slashless-new/", 301)]


def test_an_address_that_only_starts_like_a_former_one_stays_not_found(client):
    rename(make_topic("Lichen Planus", slug="lichen"), "lichen-planus")

    assert client.get("/topics/lichenoid/").status_code == 404


def test_a_deleted_target_leaves_the_not_found_page(client):
    article = rename(published("Deleted later", slug="deleted-old"), "deleted-new")
    article.delete()

    response = client.get("/articles/deleted-old/")

    assert response.status_code == 404
    assert headline(response) == "Page not found"


def test_a_row_whose_target_is_gone_leaves_the_not_found_page(client):
    # As after a delete that sent no signal (a raw SQL clean-up, say).
    topic = make_topic("Ephemeral", slug="ephemeral")
    Redirect.objects.create(old_path="/topics/orphaned/", target=topic)
    Redirect.objects.filter(old_path="/topics/orphaned/").update(object_id=topic.pk + 10_000)

    response = client.get("/topics/orphaned/")

    assert response.status_code == 404
    assert headline(response) == "Page not found"


def test_an_article_readers_may_no_longer_see_keeps_its_new_address_to_itself(client):
    article = rename(published("Withdrawn story", slug="withdrawn-old"), "withdrawn-new")
    article.status = Article.Status.DRAFT
    article.save()

    assert client.get("/articles/withdrawn-old/").status_code == 404

    article.status = Article.Status.PUBLISHED
    article.save()
    assert client.get("/articles/withdrawn-old/")["Location"] == "/articles/withdrawn-new/"


def test_head_requests_are_redirected_too(client):
    rename(published("Head request", slug="head-old"), "head-new")

    response = client.head("/articles/head-old/")

    assert response.status_code == 301
    assert response["Location"] == "/articles/head-new/"


def test_a_page_that_exists_never_queries_the_redirects_table(client):
    rename(published("Existing page", slug="existing-old"), "existing-new")

    with CaptureQueriesContext(connection) as found:
        assert client.get("/articles/existing-new/").status_code == 200
    with CaptureQueriesContext(connection) as moved:
        assert client.get("/articles/existing-old/").status_code == 301
    with CaptureQueriesContext(connection) as missing:
        assert client.get("/articles/no-such-article/amp/").status_code == 404

    assert redirects_queries(found.captured_queries) == []
    # The measurement would see the table: a former address looks it up once.
    assert len(redirects_queries(moved.captured_queries)) == 1
    assert len(redirects_queries(missing.captured_queries)) == 1


def test_longest_recorded_prefix_wins(client):
    topic = make_topic("Outer", slug="outer-now")
    article = published("Inner", slug="inner-now")
    Redirect.objects.create(old_path="/topics/outer/", target=topic)
    Redirect.objects.create(old_path="/topics/outer/inner/", target=article)

    assert client.get("/topics/outer/inner/x/")["Location"] == "/articles/inner-now/x/"
    assert client.get("/topics/outer/other/")["Location"] == "/topics/outer-now/other/"


def test_only_reads_are_redirected(client):
    rename(make_topic("Posted to", slug="posted-old"), "posted-new")

    response = client.post("/topics/posted-old/feed/")

    # A reader address takes no POST (405), and it is not sent on to the new one.
    assert response.status_code == 405
    assert "Location" not in response


def test_the_lookup_tries_each_prefix_ending_in_a_slash_and_no_empty_segments():
    assert candidate_paths("/topics/a//b/") == ["/", "/topics/", "/topics/a/", "/topics/a//b/"]
    assert candidate_paths("/topics/a") == ["/", "/topics/", "/topics/a/"]


def test_a_long_or_slash_filled_address_is_a_short_lookup(client):
    long_path = "/topics/" + "x/" * 3000
    slashes = "/topics" + "/" * 3000 + "x/"

    # Capped by the column's length: a prefix longer than that cannot be recorded.
    assert len(candidate_paths(long_path)) <= 200
    assert len(candidate_paths(slashes)) == 2
    assert client.get(long_path).status_code == 404
    assert client.get(slashes).status_code == 404
