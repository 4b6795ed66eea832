"""The newsroom desk: the admin's home page for staff, and its counts in the menu."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Article
from tests.builders import (
    days_ago,
    make_article,
    make_draft,
    make_editor,
    make_reference,
    make_writer,
    now,
)
from tests.imports.builders import make_pending_import
from tests.pages import parse

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/"


def section(page, key):
    return parse(page).find("section", id=f"desk-{key}")


def rows(page, key):
    """(headline, link, the line under it) of each article a desk section lists."""
    return [
        (item.find("a").text, item.find("a").attrs["href"], item.find("span", cls="desk-when").text)
        for item in section(page, key).find_all("li")
    ]


def title(page, key):
    return section(page, key).find("h2").text


def menu(page):
    return [link.text for link in parse(page).find("nav", cls="desk-menu").find_all("a")]


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def fill_the_desk(editor, writer, n=1):
    """n articles for each section, and some that belong in none."""
    made = {}
    for i in range(n):
        made.setdefault("review", []).append(
            make_draft(
                f"Waiting {i}",
                status=Article.Status.REVIEW,
                review_requested_at=days_ago(3 + i),
            )
        )
        made.setdefault("drafts", []).append(make_draft(f"My draft {i}", created_by=editor))
        make_draft(f"Writer's draft {i}", created_by=writer)
        made.setdefault("scheduled", []).append(
            make_article(f"Later {i}", published_at=now() + timedelta(hours=5 + i))
        )
        made.setdefault("today", []).append(
            make_article(f"Fresh {i}", published_at=now() - timedelta(minutes=1 + i))
        )
        make_article(f"Old {i}", published_at=days_ago(3))
        made.setdefault("warnings", []).append(
            make_draft(f"Marked up <b>{i}</b>", import_warnings="headline contains markup")
        )
        flagged = make_article(f"Cites a retracted paper {i}", published_at=days_ago(10))
        make_reference(flagged, number=1, notice="retracted")
        made.setdefault("retractions", []).append(flagged)
        live = make_article(f"Re-imported {i}", published_at=days_ago(20))
        make_pending_import(live, imported_at=days_ago(2 + i))
        made.setdefault("reimports", []).append(live)
    return made


def test_the_admin_home_is_the_desk_with_every_section_linking_to_the_articles(client):
    editor = make_editor()
    writer = make_writer()
    made = fill_the_desk(editor, writer)
    older = make_draft("Waiting longest", status=Article.Status.REVIEW)
    Article.objects.filter(pk=older.pk).update(review_requested_at=days_ago(9))
    client.force_login(editor)

    page = client.get(INDEX_URL)

    assert page.status_code == 200
    assert title(page, "review") == "Waiting for review (2)"
    assert rows(page, "review") == [
        ("Waiting longest", change_url(older), "waiting 1 week, 2 days"),
        ("Waiting 0", change_url(made["review"][0]), "waiting 3 days"),
    ]
    assert [row[0] for row in rows(page, "drafts")] == ["My draft 0"]
    scheduled = made["scheduled"][0]
    local = timezone.localtime(scheduled.published_at)
    assert rows(page, "scheduled") == [
        (
            "Later 0",
            change_url(scheduled),
            f"goes live {local.day} {local:%B %Y, %H:%M} UTC",
        )
    ]
    assert [row[0] for row in rows(page, "today")] == ["Fresh 0"]
    assert [row[:2] for row in rows(page, "warnings")] == [
        ("Marked up <b>0</b>", change_url(made["warnings"][0]))
    ]
    assert [row[0] for row in rows(page, "retractions")] == ["Cites a retracted paper 0"]
    assert title(page, "reimports") == "Re-imports waiting for review (1)"
    reimported = made["reimports"][0]
    assert rows(page, "reimports") == [
        ("Re-imported 0", f"/admin/articles/article/{reimported.pk}/reimport/", "waiting 2 days")
    ]
    assert "Times are in the site's time zone, UTC." in parse(page).find(id="desk").text
    # The stock list of apps is still there, below the desk.
    assert parse(page).find("div", cls="app-articles") is not None


def test_each_section_title_leads_to_the_same_articles_in_the_list(client):
    editor = make_editor()
    made = fill_the_desk(editor, make_writer())
    client.force_login(editor)
    page = client.get(INDEX_URL)

    for key, articles in made.items():
        link = section(page, key).find("h2").find("a").attrs["href"]
        listed = client.get(link)
        assert listed.status_code == 200, key
        assert "e=1" not in listed.url if hasattr(listed, "url") else True
        result = listed.context["cl"].result_list
        assert {a.pk for a in result} == {a.pk for a in articles}, key


def test_the_menu_shows_the_counts_on_every_admin_page(client):
    editor = make_editor()
    fill_the_desk(editor, make_writer(), n=2)
    client.force_login(editor)

    for url in [INDEX_URL, "/admin/articles/article/", "/admin/topics/topic/"]:
        page = client.get(url)
        assert menu(page) == [
            "Desk",
            "Review (2)",
            "Re-imports (2)",
            "Scheduled (2)",
            "Import warnings (2)",
            "Retraction alerts (2)",
        ], url


def test_a_writer_sees_the_desk_with_their_own_drafts(client):
    writer = make_writer()
    fill_the_desk(make_editor(), writer)
    client.force_login(writer)

    page = client.get(INDEX_URL)

    assert page.status_code == 200
    assert [row[0] for row in rows(page, "drafts")] == ["Writer's draft 0"]
    assert title(page, "review") == "Waiting for review (1)"


def test_a_writer_is_shown_only_the_re_imports_they_may_review(client):
    """Editors review every re-import; a writer only those of their own drafts (one
    readers saw before it was taken down), as on the review page itself."""
    writer = make_writer()
    fill_the_desk(make_editor(), writer)
    own = make_draft("Taken down, mine", created_by=writer, first_published_at=days_ago(5))
    make_pending_import(own)
    client.force_login(writer)

    page = client.get(INDEX_URL)

    assert title(page, "reimports") == "Re-imports waiting for review (1)"
    assert [row[0] for row in rows(page, "reimports")] == ["Taken down, mine"]
    assert "Re-imports (1)" in menu(page)


def test_staff_who_may_not_see_articles_get_no_desk_and_no_counts(client):
    fill_the_desk(make_editor(), make_writer())
    client.force_login(User.objects.create_user("clerk", is_staff=True))

    page = client.get(INDEX_URL)

    assert page.status_code == 200
    assert parse(page).find(id="desk") is None
    assert parse(page).find("nav", cls="desk-menu") is None


@pytest.mark.parametrize("size", [1, 15])
def test_the_desk_runs_the_same_queries_whatever_the_number_of_articles(
    client, django_assert_max_num_queries, size
):
    editor = make_editor()
    fill_the_desk(editor, make_writer(), n=size)
    client.force_login(editor)
    # Session, user, groups and permissions, the menu's counts, the desk's counts and its
    # seven lists, the recent actions: the same at both sizes.
    with django_assert_max_num_queries(16):
        page = client.get(INDEX_URL)
    assert len(rows(page, "review")) == min(size, 10)
