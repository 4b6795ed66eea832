"""The newsroom admin as an editor uses it: a staff user in the Editors group, not a superuser."""

import io
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article
from newsroom.models import SiteSettings
from tests.builders import (
    get_topic,
    make_article,
    make_author,
    make_editor,
    now,
    tomorrow,
    yesterday,
)
from topics.models import Topic

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
CHANGELIST_URL = "/admin/articles/article/"


def split_datetime(value):
    """The admin's two inputs for a date and time, in the site's time zone."""
    local = timezone.localtime(value)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def management_form(prefix, total, initial=0, min_num=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": str(min_num),
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_form_data(add_page, *, headline, author, references=(), **overrides):
    """What the browser posts from the add page: article fields, one byline, references.

    The inline prefixes are read from the rendered page's formsets, so a renamed
    related_name shows up here as a failure rather than as a silently ignored inline.
    """
    prefixes = [inline.formset.prefix for inline in add_page.context["inline_admin_formsets"]]
    assert prefixes == ["bylines", "references"]
    date, time = split_datetime(yesterday())
    data = {
        "headline": headline,
        "slug": headline.lower().replace(" ", "-"),
        "deck": f"Deck of {headline}.",
        "body": "Two phase 3 trials [1,2] reported repigmentation.",
        "primary_topic": get_topic("vitiligo").pk,
        "tags": "ruxolitinib, TRuE-V1",
        "status": Article.Status.PUBLISHED,
        "published_at_0": date,
        "published_at_1": time,
        "updated_at_0": "",
        "updated_at_1": "",
        "image_alt": "",
        "image_caption": "",
        "image_credit": "",
        **management_form("bylines", 1, min_num=1),
        "bylines-0-author": author.pk,
        "bylines-0-order": "0",
        **management_form("references", len(references)),
        "_save": "Save",
    }
    for index, (number, title) in enumerate(references):
        data.update(
            {
                f"references-{index}-number": str(number),
                f"references-{index}-kind": "journal",
                f"references-{index}-citation": "",
                f"references-{index}-authors": "Rosmarin D, Passeron T, et al",
                f"references-{index}-title": title,
                f"references-{index}-source": "N Engl J Med",
                f"references-{index}-year": "2022",
                f"references-{index}-doi": f"10.1056/NEJMoa211882{number}",
            }
        )
    data.update(overrides)
    return data


def png_upload(name="lesion.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_editor_is_staff_but_not_superuser():
    editor = make_editor()
    assert editor.is_staff
    assert not editor.is_superuser


def test_editor_adds_an_article_with_byline_and_references(editor_client, client):
    author = make_author("Ana Rivera")
    add_page = editor_client.get(ADD_URL)
    assert add_page.status_code == 200

    response = editor_client.post(
        ADD_URL,
        article_form_data(
            add_page,
            headline="Ruxolitinib cream repigments facial vitiligo",
            author=author,
            # Entered out of order: the list follows the numbers.
            references=[(2, "Second trial"), (1, "First trial")],
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="ruxolitinib-cream-repigments-facial-vitiligo")
    assert article.status == Article.Status.PUBLISHED
    assert article.is_published
    assert article.primary_topic == get_topic("vitiligo")
    assert list(article.authors.all()) == [author]
    assert [(r.number, r.title) for r in article.references.all()] == [
        (1, "First trial"),
        (2, "Second trial"),
    ]
    assert sorted(article.tags.names()) == ["TRuE-V1", "ruxolitinib"]
    assert 'href="#ref-1"' in article.body_html

    # Readers see it straight away, on its topic and on its own page.
    client.logout()
    topic_page = client.get("/topics/vitiligo/")
    assert topic_page.status_code == 200
    assert article in topic_page.context["articles"]
    assert "Ruxolitinib cream repigments facial vitiligo" in topic_page.content.decode()
    article_page = client.get(article.get_absolute_url())
    assert article_page.status_code == 200
    assert article_page.context["article"] == article
    assert "Second trial" in article_page.content.decode()


def test_add_form_without_headline_shows_errors(editor_client):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(add_page, headline="Anything", author=make_author())
    data["headline"] = ""

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "headline" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_add_form_without_a_byline_shows_errors(editor_client):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(add_page, headline="No author here", author=make_author())
    data["bylines-0-author"] = ""

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert not Article.objects.exists()


def test_add_form_with_image_but_no_alt_text_shows_errors(editor_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(
        add_page, headline="Image without alt", author=make_author(), image=png_upload()
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "image_alt" in response.context["adminform"].form.errors
    assert "Describe the image" in response.content.decode()
    assert not Article.objects.exists()


def test_add_form_with_image_and_alt_text_saves(editor_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(
        add_page,
        headline="Image with alt",
        author=make_author(),
        image=png_upload(),
        image_alt="Depigmented patches on the back of a hand",
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302
    assert Article.objects.get().image_alt == "Depigmented patches on the back of a hand"


def test_changelist_lists_drafts_and_scheduled_articles(editor_client):
    make_article("Live story")
    make_article("Draft story", status=Article.Status.DRAFT)
    make_article("Scheduled story", published_at=tomorrow())

    response = editor_client.get(CHANGELIST_URL)

    assert response.status_code == 200
    listed = {article.headline for article in response.context["cl"].result_list}
    assert listed == {"Live story", "Draft story", "Scheduled story"}


def listed_headlines(response):
    """Headlines on an admin changelist page, in the order shown."""
    return [article.headline for article in response.context["cl"].result_list]


def test_changelist_search(editor_client):
    make_article("Ruxolitinib cream for vitiligo")
    make_article("Dupilumab in children", primary_topic=get_topic("atopic-dermatitis"))

    response = editor_client.get(CHANGELIST_URL, {"q": "ruxolitinib"})

    assert response.status_code == 200
    assert listed_headlines(response) == ["Ruxolitinib cream for vitiligo"]


def test_changelist_status_filter(editor_client):
    make_article("Live story")
    make_article("Draft story", status=Article.Status.DRAFT)

    response = editor_client.get(CHANGELIST_URL, {"status__exact": "draft"})

    assert response.status_code == 200
    assert listed_headlines(response) == ["Draft story"]


def test_changelist_topic_filter(editor_client):
    make_article("Vitiligo story")
    make_article("Psoriasis story", primary_topic=get_topic("psoriasis"))

    response = editor_client.get(
        CHANGELIST_URL, {"primary_topic__id__exact": get_topic("psoriasis").pk}
    )

    assert response.status_code == 200
    assert listed_headlines(response) == ["Psoriasis story"]


def test_change_form_opens_for_a_draft(editor_client):
    article = make_article("Draft story", status=Article.Status.DRAFT, references=2)

    response = editor_client.get(f"/admin/articles/article/{article.pk}/change/")

    assert response.status_code == 200
    assert response.context["original"] == article


def test_publish_action(editor_client):
    draft = make_article("Draft story", status=Article.Status.DRAFT)
    scheduled = make_article(
        "Scheduled story", status=Article.Status.DRAFT, published_at=tomorrow()
    )
    untouched = make_article("Other draft", status=Article.Status.DRAFT)

    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "publish", ACTION_CHECKBOX_NAME: [draft.pk, scheduled.pk]},
        follow=True,
    )

    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert "Published 2 article(s)." in messages
    assert any("1 of them have a future publication date" in m for m in messages)
    assert set(Article.objects.published()) == {draft}
    draft.refresh_from_db()
    assert draft.published_at > yesterday()  # goes live now, not when it was drafted
    scheduled.refresh_from_db()
    assert scheduled.status == Article.Status.PUBLISHED
    assert scheduled.published_at > now()  # its future date is kept
    untouched.refresh_from_db()
    assert untouched.status == Article.Status.DRAFT


def test_revert_to_draft_action(editor_client):
    article = make_article("Live story")

    response = editor_client.post(
        CHANGELIST_URL, {"action": "revert_to_draft", ACTION_CHECKBOX_NAME: [article.pk]}
    )

    assert response.status_code == 302
    assert not Article.objects.published().exists()


def test_author_admin(editor_client):
    author = make_author("Ana Rivera")

    assert editor_client.get("/admin/articles/author/").status_code == 200
    assert editor_client.get("/admin/articles/author/add/").status_code == 200
    assert editor_client.get(f"/admin/articles/author/{author.pk}/change/").status_code == 200
    search = editor_client.get("/admin/articles/author/", {"q": "rivera"})
    assert list(search.context["cl"].result_list) == [author]


def autocomplete(client, model_name, field_name, term):
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_autocomplete_primary_topic(editor_client):
    # Pigmentary Disorders matches too: its description mentions vitiligo.
    found = autocomplete(editor_client, "article", "primary_topic", "vit")
    assert "Vitiligo" in found
    assert "Psoriasis" not in found


def test_autocomplete_further_topics(editor_client):
    assert "Psoriatic Arthritis" in autocomplete(editor_client, "article", "topics", "psoria")


def test_autocomplete_byline_author(editor_client):
    make_author("Ana Rivera")
    make_author("Ben Okafor")

    assert autocomplete(editor_client, "byline", "author", "riv") == ["Ana Rivera"]


def test_topic_admin_changelist_and_change_form(editor_client):
    response = editor_client.get("/admin/topics/topic/")
    assert response.status_code == 200
    listed = list(response.context["cl"].result_list)
    assert len(listed) == 24
    # Tree order: each top-level topic directly followed by its subtopics.
    slugs = [topic.slug for topic in listed]
    start = slugs.index("pigmentary-disorders")
    assert slugs[start : start + 3] == ["pigmentary-disorders", "vitiligo", "melasma"]
    start = slugs.index("eczema")
    assert slugs[start : start + 2] == ["eczema", "atopic-dermatitis"]
    assert slugs[0] == "general-dermatology"
    assert "Pigmentary Disorders › Vitiligo" in response.content.decode()

    vitiligo = get_topic("vitiligo")
    change = editor_client.get(f"/admin/topics/topic/{vitiligo.pk}/change/")
    assert change.status_code == 200
    assert change.context["original"] == vitiligo


def topic_form_data(topic, **overrides):
    data = {
        "name": topic.name,
        "slug": topic.slug,
        "parent": topic.parent_id or "",
        "order": topic.order,
        "description": topic.description,
        "_save": "Save",
    }
    if topic.featured:
        data["featured"] = "on"
    data.update(overrides)
    return data


def test_topic_admin_rejects_a_cycle(editor_client):
    pigmentary = get_topic("pigmentary-disorders")
    vitiligo = get_topic("vitiligo")

    response = editor_client.post(
        f"/admin/topics/topic/{pigmentary.pk}/change/",
        topic_form_data(pigmentary, parent=vitiligo.pk),
    )

    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    pigmentary.refresh_from_db()
    assert pigmentary.parent is None


def test_topic_admin_saves_a_valid_parent(editor_client):
    rosacea = get_topic("rosacea")

    response = editor_client.post(
        f"/admin/topics/topic/{rosacea.pk}/change/",
        topic_form_data(rosacea, parent=get_topic("general-dermatology").pk),
    )

    assert response.status_code == 302
    assert Topic.objects.get(slug="rosacea").parent.slug == "general-dermatology"


def test_editor_changes_publisher_name(editor_client):
    # A fresh site has no settings row yet, and editors may not add one: the
    # admin's "Site settings" link must still lead to a form they can save.
    assert not SiteSettings.objects.exists()
    index = editor_client.get("/admin/")
    assert 'href="/admin/newsroom/sitesettings/"' in index.content.decode()
    form_page = editor_client.get("/admin/newsroom/sitesettings/", follow=True)
    assert form_page.status_code == 200
    change_url = form_page.redirect_chain[-1][0]
    assert change_url == "/admin/newsroom/sitesettings/1/change/"
    assert "publisher_name" in form_page.context["adminform"].form.fields

    response = editor_client.post(
        change_url,
        {
            "site_name": "Dermatology News",
            "tagline": "For clinicians",
            "publisher_name": "Skin Media Group",
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    assert SiteSettings.load().publisher_name == "Skin Media Group"


def test_staff_without_editors_group_is_forbidden(client):
    User.objects.create_user(username="intern", password="intern-pass-123", is_staff=True)
    assert client.login(username="intern", password="intern-pass-123")

    assert client.get(ADD_URL).status_code == 403
    assert client.get(CHANGELIST_URL).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(ADD_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_add_form_gives_room_to_write(editor_client):
    html = editor_client.get(ADD_URL).content.decode()
    headline = re.search(r'<input[^>]*name="headline"[^>]*>', html).group(0)
    body = re.search(r'<textarea[^>]*name="body"[^>]*>', html).group(0)
    assert 'class="vLargeTextField"' in headline
    assert 'rows="24"' in body
    assert "Cite a reference by its number in brackets" in html  # the body's help text
