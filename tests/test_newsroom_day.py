"""A newsroom day in the real admin, as a writer and an editor run it: import, write,
submit, review, preview, schedule, publish, correct, rename, restore. Every page
answers without a server error (the test client raises on one) and nothing is lost."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from tests.builders import (
    form_data_from,
    get_topic,
    make_article_text,
    make_author,
    make_editor,
    make_writer,
)
from tests.pages import visible_text

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def save_form(client, url, **changes):
    data = form_data_from(client.get(url).content.decode(), "article_form")
    data.update(changes)
    data["_save"] = "Save"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def split(moment):
    local = timezone.localtime(moment)
    return {"published_at_0": f"{local:%Y-%m-%d}", "published_at_1": f"{local:%H:%M:%S}"}


def test_a_newsroom_day():
    writer_user, editor_user = make_writer(), make_editor()
    author = make_author("Jane Doe")
    writer, editor, reader = Client(), Client(), Client()
    writer.force_login(writer_user)
    editor.force_login(editor_user)

    # 1. The editor imports a scraped article: it waits in review.
    upload = SimpleUploadedFile("tralo.txt", make_article_text().encode(), "text/plain")
    preview = editor.post(f"{CHANGELIST}import/", {"files": [upload]})
    assert "Tralokinumab Eases Atopic Dermatitis in Adolescents" in visible_text(preview)
    confirm = form_data_from(preview.content.decode(), "import-confirm-form")
    editor.post(f"{CHANGELIST}import/", {**confirm, "confirm": "Import"})
    imported = Article.objects.get(headline__startswith="Tralokinumab")
    assert imported.state_label == "In review"
    assert reader.get(imported.get_absolute_url()).status_code == 404

    # 2. The writer writes a draft and submits it.
    add = writer.get("/admin/articles/article/add/")
    data = form_data_from(add.content.decode(), "article_form")
    data.update(
        {
            "headline": "Ruxolitinib cream approved for children",
            "slug": "ruxolitinib-cream-children",
            "deck": "The agency extended the approval to patients aged 2 to 11.",
            "body": "The decision follows a pediatric study [1].",
            "primary_topic": get_topic("vitiligo").pk,
            "tags": "ruxolitinib",
            "state": "draft",
            "bylines-TOTAL_FORMS": "1",
            "bylines-0-author": author.pk,
            "bylines-0-order": "0",
            "references-TOTAL_FORMS": "1",
            "references-0-number": "1",
            "references-0-kind": "web",
            "references-0-citation": "Agency press release. https://example.org/approval",
            "_save": "Save",
        }
    )
    assert writer.post("/admin/articles/article/add/", data).status_code == 302
    story = Article.objects.get(slug="ruxolitinib-cream-children")
    assert story.created_by == writer_user
    save_form(writer, change_url(story), state="review")
    assert Article.objects.get(pk=story.pk).state_label == "In review"

    # 3. The editor reviews: previews it, then schedules it for tomorrow 09:00.
    banner = visible_text(editor.get(f"/preview/articles/{story.pk}/"))
    assert "Preview — not published" in banner
    goes_live = (timezone.localtime() + timedelta(days=1)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    save_form(editor, change_url(story), state="published", **split(goes_live))
    assert Article.objects.get(pk=story.pk).state_label == "Scheduled"
    with time_machine.travel(goes_live - timedelta(seconds=1), tick=False):
        assert reader.get(story.get_absolute_url()).status_code == 404
    with time_machine.travel(goes_live + timedelta(seconds=1), tick=False):
        assert reader.get(story.get_absolute_url()).status_code == 200

    # 4. The editor publishes the import now, from the list.
    editor.post(CHANGELIST, {"action": "publish_now", ACTION_CHECKBOX_NAME: [imported.pk]})
    page = reader.get(imported.get_absolute_url())
    assert page.status_code == 200
    assert "Source: MJH Life Sciences, 2024" in visible_text(page)

    # 5. A reader spots an error: the editor corrects it with a dated note.
    form = form_data_from(editor.get(change_url(imported)).content.decode(), "article_form")
    total = int(form["corrections-TOTAL_FORMS"])
    now = timezone.localtime()
    form.update(
        {
            "deck": "A 52-week extension study reports durable responses in 289 adolescents.",
            "corrections-TOTAL_FORMS": str(total + 1),
            f"corrections-{total}-kind": "correction",
            f"corrections-{total}-note": "The study enrolled 289 adolescents, not 298.",
            f"corrections-{total}-noted_at_0": f"{now:%Y-%m-%d}",
            f"corrections-{total}-noted_at_1": f"{now:%H:%M:%S}",
            "_save": "Save",
        }
    )
    assert editor.post(change_url(imported), form).status_code == 302
    corrected = visible_text(reader.get(imported.get_absolute_url()))
    assert "Corrected" in corrected and "not 298" in corrected

    # 6. The editor renames its slug: the shared link still works.
    old_url = imported.get_absolute_url()
    save_form(editor, change_url(imported), slug="tralokinumab-adolescents")
    moved = reader.get(old_url)
    assert moved.status_code == 301
    assert moved["Location"] == "/articles/tralokinumab-adolescents/"

    # 7. A bad edit goes out; the editor restores the version before it.
    good = Version.objects.get_for_object(imported).first()
    save_form(editor, change_url(imported), deck="An accidental paste.")
    history = editor.get(f"/admin/articles/article/{imported.pk}/history/")
    assert history.status_code == 200
    editor.post(f"/admin/articles/article/{imported.pk}/history/{good.pk}/")
    restored = visible_text(reader.get("/articles/tralokinumab-adolescents/"))
    assert "289 adolescents" in restored and "accidental paste" not in restored
    assert "not 298" in restored  # the correction note survives the restore
