"""The redirects admin: a read-only list an editor may prune."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redirects.models import Redirect
from tests.builders import make_article, make_topic, yesterday
from tests.redirects.pages import links, table

pytestmark = pytest.mark.django_db

CHANGELIST_URL = "/admin/redirects/redirect/"


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("chief", "chief@example.com", "pw-123456"))
    return client


def renamed_article(old, new, headline=None):
    article = make_article(headline or f"Story {old}", slug=old, first_published_at=yesterday())
    article.slug = new
    article.save()
    return article


def renamed_topic(old, new):
    topic = make_topic(f"Topic {old}", slug=old)
    topic.slug = new
    topic.save()
    return topic


def test_the_list_shows_each_former_address_and_links_the_current_one(admin_client):
    renamed_article("rux-old", "rux-new", headline="Ruxolitinib cream")
    renamed_topic("lichen", "lichen-planus")

    response = admin_client.get(CHANGELIST_URL)

    assert response.status_code == 200
    header, *rows = table(response, "result_list")
    assert header[1:4] == ["Former address", "Points at", "Current address"]
    # Newest first; the first cell is the selection checkbox.
    assert [row[1:4] for row in rows] == [
        ["/topics/lichen/", "Topic: Topic lichen", "/topics/lichen-planus/"],
        ["/articles/rux-old/", "Article: Ruxolitinib cream", "/articles/rux-new/"],
    ]
    assert ("/articles/rux-new/", "/articles/rux-new/") in links(response)
    assert ("/topics/lichen-planus/", "/topics/lichen-planus/") in links(response)


def test_a_row_whose_target_is_gone_is_listed_without_a_link(admin_client):
    topic = make_topic("Ephemeral", slug="ephemeral")
    Redirect.objects.create(old_path="/topics/orphaned/", target=topic)
    Redirect.objects.update(object_id=topic.pk + 10_000)

    response = admin_client.get(CHANGELIST_URL)

    assert response.status_code == 200
    _, row = table(response, "result_list")
    assert row[1:4] == ["/topics/orphaned/", "Deleted topic", "-"]
    assert not [href for href, _ in links(response) if href and href.startswith("/topics/")]


def test_the_list_is_searchable_by_former_address(admin_client):
    renamed_article("melasma-laser", "melasma-lasers")
    renamed_article("acne-diet", "acne-and-diet")

    response = admin_client.get(CHANGELIST_URL, {"q": "melasma"})

    _, *rows = table(response, "result_list")
    assert [row[1] for row in rows] == ["/articles/melasma-laser/"]


def test_rows_cannot_be_added_or_changed(admin_client):
    renamed_article("fixed-old", "fixed-new")
    row = Redirect.objects.get()
    change_url = f"{CHANGELIST_URL}{row.pk}/change/"

    assert admin_client.get(f"{CHANGELIST_URL}add/").status_code == 403
    changelist = links(admin_client.get(CHANGELIST_URL))
    assert f"{CHANGELIST_URL}add/" not in [href for href, _ in changelist]
    assert admin_client.get(change_url).status_code == 200
    assert admin_client.post(change_url, {"old_path": "/articles/hijack/"}).status_code == 403
    row.refresh_from_db()
    assert row.old_path == "/articles/fixed-old/"


def test_deleting_a_row_makes_the_former_address_not_found(admin_client):
    renamed_article("pruned-old", "pruned-new")
    row = Redirect.objects.get()

    response = admin_client.post(f"{CHANGELIST_URL}{row.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Redirect.objects.exists()
    assert admin_client.get("/articles/pruned-old/").status_code == 404


def test_the_list_runs_as_many_queries_for_many_rows_as_for_few(admin_client):
    # One query per kind of target (article, topic), whatever the number of rows.
    renamed_article("only-old", "only-new")
    renamed_topic("only-topic-old", "only-topic-new")
    admin_client.get(CHANGELIST_URL)
    with CaptureQueriesContext(connection) as one:
        admin_client.get(CHANGELIST_URL)

    for number in range(3):
        renamed_article(f"more-{number}-old", f"more-{number}-new")
        renamed_topic(f"more-{number}-topic-old", f"more-{number}-topic-new")
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(CHANGELIST_URL)

    assert response.context["cl"].result_count == 8
    assert len(many.captured_queries) == len(one.captured_queries)


def test_an_editor_may_list_and_delete_rows_but_not_add_them(editor_client):
    renamed_article("editor-old", "editor-new")
    row = Redirect.objects.get()

    listed = editor_client.get(CHANGELIST_URL)
    deleted = editor_client.post(f"{CHANGELIST_URL}{row.pk}/delete/", {"post": "yes"})

    assert listed.status_code == 200
    assert editor_client.get(f"{CHANGELIST_URL}add/").status_code == 403
    assert deleted.status_code == 302
    assert not Redirect.objects.exists()
