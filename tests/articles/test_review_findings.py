"""Holes a hostile or careless user found in review, each closed and kept closed."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article, Byline, Reference, Tag
from tests.builders import (
    form_data_from,
    make_article,
    make_article_text,
    make_author,
    make_draft,
    make_editor,
    make_reference,
    make_writer,
    tomorrow,
)
from tests.images.builders import make_image

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def fresh(article):
    return Article.objects.get(pk=article.pk)


def post_form(client, article, **changes):
    url = f"{CHANGELIST}{article.pk}/change/"
    data = form_data_from(client.get(url).content.decode(), "article_form")
    data.update(changes)
    data["_save"] = "Save"
    return client.post(url, data)


def test_restoring_one_article_never_touches_another_moved_in_the_same_bulk_action(client):
    editor, writer = make_editor(), make_writer()
    own = make_draft("Writer's story", created_by=writer)
    other = make_draft("Other story")
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "publish_now", ACTION_CHECKBOX_NAME: [own.pk, other.pk]})
    client.post(CHANGELIST, {"action": "back_to_draft", ACTION_CHECKBOX_NAME: [own.pk]})
    client.post(CHANGELIST, {"action": "archive", ACTION_CHECKBOX_NAME: [other.pk]})
    # Each article got revisions of its own.
    for version in Version.objects.get_for_object(own):
        assert version.revision.version_set.filter(object_id=str(other.pk)).count() == 0
    published_version = Version.objects.get_for_object(own)[1]

    client.force_login(writer)
    client.post(f"{CHANGELIST}{own.pk}/history/{published_version.pk}/")

    assert fresh(other).status == "archived"
    assert fresh(own).status == "draft"


def test_recover_takes_only_a_deleted_articles_version_and_only_from_an_editor(client):
    editor, writer = make_editor(), make_writer()
    live = make_draft("Editor's story", body="Old text [1].")
    reference = make_reference(live, number=1)
    services.save_article(live, by=editor)
    services.publish(fresh(live), by=editor)
    reference_version = Version.objects.filter(
        content_type=ContentType.objects.get_for_model(Reference), object_id=str(reference.pk)
    ).first()

    client.force_login(writer)
    assert client.get(f"{CHANGELIST}recover/").status_code == 403
    assert client.post(f"{CHANGELIST}recover/{reference_version.pk}/").status_code == 403
    client.force_login(editor)
    assert client.get(f"{CHANGELIST}recover/{reference_version.pk}/").status_code == 404
    assert fresh(live).status == "published" and fresh(live).first_published_at is not None


def test_an_empty_date_never_takes_a_live_article_offline(client):
    client.force_login(make_editor())
    live = make_article("Live one")

    response = post_form(client, live, published_at_0="", published_at_1="")

    assert response.status_code == 200
    assert "published_at" in response.context["adminform"].form.errors
    assert fresh(live).is_published


def test_a_scheduled_article_is_published_now_by_emptying_its_date(client):
    client.force_login(make_editor())
    scheduled = make_draft("Embargoed")
    services.publish(scheduled, by=None, at=tomorrow())

    response = post_form(
        client, fresh(scheduled), state="published", published_at_0="", published_at_1=""
    )

    assert response.status_code == 302
    now_live = fresh(scheduled)
    assert now_live.is_published
    assert now_live.first_published_at <= timezone.now()


def test_a_live_article_sent_back_to_draft_keeps_the_date_it_was_given(client):
    client.force_login(make_editor())
    live = make_article("Live x")
    later = timezone.localtime() + timedelta(days=5)

    post_form(
        client, live, state="draft", published_at_0=f"{later:%Y-%m-%d}", published_at_1="09:00:00"
    )

    assert fresh(live).status == "draft"
    assert fresh(live).published_at is not None


@pytest.mark.parametrize("what", ["author", "tag", "image"])
def test_restore_after_something_it_points_at_was_deleted_is_a_message_not_a_500(
    client, what, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    editor = make_editor()
    client.force_login(editor)
    old_author = make_author("Old Author")
    image = make_image(800, 600)
    article = make_article("Story x", authors=[old_author], tags=["oldtag"], lead_image=image)
    services.save_article(article, by=editor)
    version = Version.objects.get_for_object(article).first()
    article = fresh(article)
    if what == "author":
        article.bylines.all().delete()
        Byline.objects.create(article=article, author=make_author("New Author"))
        services.save_article(article, by=editor)
        old_author.delete()
    elif what == "tag":
        article.tags.set(["newtag"])
        services.save_article(article, by=editor)
        Tag.objects.filter(name="oldtag").delete()
    else:
        article.lead_image = None
        services.save_article(article, by=editor)
        image.delete()
    client.raise_request_exception = False

    response = client.post(f"{CHANGELIST}{article.pk}/history/{version.pk}/", follow=True)

    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert any(message.startswith("Not restored:") for message in messages)


def test_restore_keeps_the_address_even_when_the_old_slug_was_taken_since(client):
    editor = make_editor()
    client.force_login(editor)
    article = make_article("Original headline", slug="original")
    services.save_article(article, by=editor)
    version = Version.objects.get_for_object(article).first()
    article = fresh(article)
    article.slug = "renamed"
    services.save_article(article, by=editor)
    make_article("Newcomer", slug="original")

    response = client.post(f"{CHANGELIST}{article.pk}/history/{version.pk}/")

    assert response.status_code == 302
    assert fresh(article).slug == "renamed"


def test_a_revision_address_with_a_bad_id_is_a_404(client):
    client.force_login(make_editor())

    assert client.get(f"{CHANGELIST}x/history/1/").status_code == 404
    assert client.get(f"{CHANGELIST}999999/history/1/").status_code == 404


def test_an_import_never_overwrites_a_hand_written_article_with_the_same_headline(tmp_path):
    headline = "Tralokinumab Eases Atopic Dermatitis in Adolescents"
    written = make_article(headline, body="Hand [1] [2] [3] [4] [5].", references=5)
    text = tmp_path / "x.txt"
    text.write_text(make_article_text(headline=headline))

    call_command("import_articles", str(text), "--topic", "atopic-dermatitis")

    assert fresh(written).body == "Hand [1] [2] [3] [4] [5]."
    assert fresh(written).references.count() == 5
    imported = Article.objects.exclude(pk=written.pk).get(headline=headline)
    assert imported.state_label == "In review" and imported.slug != written.slug


def test_an_author_with_nothing_published_has_no_public_page(client):
    writer = make_writer()
    client.force_login(writer)
    client.post(
        "/admin/articles/author/add/",
        {"name": "Dr Fake Person", "slug": "dr-fake", "credentials": "MD", "bio": "Not vetted"},
    )
    client.logout()

    assert client.get("/authors/dr-fake/").status_code == 404


@pytest.mark.parametrize(
    ("zone", "day", "time"),
    [("America/New_York", "9999-12-31", "23:59:59"), ("Asia/Tokyo", "0001-01-01", "00:00:00")],
)
def test_dates_at_the_edge_of_the_calendar_are_form_errors(client, settings, zone, day, time):
    settings.TIME_ZONE = zone
    client.force_login(make_editor())
    draft = make_draft("Edge")

    response = post_form(client, draft, published_at_0=day, published_at_1=time, state="draft")

    assert response.status_code == 200
    assert "published_at" in response.context["adminform"].form.errors


def test_import_refuses_a_date_at_the_edge_of_the_calendar(tmp_path):
    text = tmp_path / "x.txt"
    text.write_text(make_article_text())

    with pytest.raises(CommandError, match="between 1900 and 2200"):
        call_command("import_articles", str(text), "--published-at", "9999-12-31T23:59:59-05:00")
