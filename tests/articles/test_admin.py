"""The newsroom admin as an editor uses it: a staff user in the Editors group, not a superuser."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import User
from django.utils import timezone

from articles import workflow
from articles.models import Article, Correction, Tag
from newsroom.models import SiteSettings
from tests.articles.test_views import iso
from tests.builders import (
    form_data_from,
    get_topic,
    make_article,
    make_author,
    make_draft,
    make_editor,
    now,
    tomorrow,
    yesterday,
)
from tests.images.builders import make_image
from tests.pages import parse
from topics.models import Topic

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
CHANGELIST_URL = "/admin/articles/article/"
TWO_TRIALS = [(1, "First trial"), (2, "Second trial")]


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def split_datetime(value):
    """The admin's two inputs for a date and time, in the site's time zone."""
    local = timezone.localtime(value)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def inline_formsets(page):
    """{prefix: formset} of the inlines the add or change page renders, in page order."""
    inlines = page.context["inline_admin_formsets"]
    return {inline.formset.prefix: inline.formset for inline in inlines}


def article_form_data(add_page, *, headline, author, references=TWO_TRIALS, **overrides):
    """What the browser posts from the add page: the form as rendered, filled in with
    article fields, one byline, and references that the body cites.

    The inline prefixes are read from the rendered page's formsets, so a renamed
    related_name shows up here as a failure rather than as a silently ignored inline.
    """
    formsets = inline_formsets(add_page)
    assert list(formsets) == ["bylines", "references", "trials", "corrections"]
    # A new article was never published: nothing to correct yet, so no form is offered.
    assert formsets["corrections"].max_num == 0
    data = form_data_from(add_page.content.decode(), "article_form")
    # Every [N] in the body needs reference N in the list.
    cited = ",".join(str(number) for number, _ in sorted(references))
    date, time = split_datetime(yesterday())
    data.update(
        {
            "headline": headline,
            "slug": headline.lower().replace(" ", "-"),
            "deck": f"Deck of {headline}.",
            "body": f"Two phase 3 trials [{cited}] reported repigmentation."
            if references
            else "No trial is cited here.",
            "primary_topic": get_topic("vitiligo").pk,
            "tags": "ruxolitinib, TRuE-V1",
            "state": workflow.PUBLISHED,
            "published_at_0": date,
            "published_at_1": time,
            "bylines-0-author": author.pk,
            "bylines-0-order": "0",
            "references-TOTAL_FORMS": str(len(references)),
            "_save": "Save",
        }
    )
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


def change_form_data(client, article, **changes):
    """The article's change form as the browser shows it, with some fields changed."""
    page = client.get(change_url(article))
    assert page.status_code == 200
    data = form_data_from(page.content.decode(), "article_form")
    data.update(changes, _save="Save")
    return data


def test_editor_is_staff_but_not_superuser_and_may_publish():
    editor = make_editor()
    assert editor.is_staff
    assert not editor.is_superuser
    assert editor.has_perm("articles.publish_article")


def test_editor_adds_an_article_with_byline_and_references(editor_client, client):
    author = make_author("Ana Rivera")
    add_page = editor_client.get(ADD_URL)
    assert add_page.status_code == 200

    before = now()
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
    # The date the editor gave is kept; it first went live here now.
    assert article.published_at < before
    assert article.first_published_at >= before
    assert article.primary_topic == get_topic("vitiligo")
    assert list(article.authors.all()) == [author]
    assert [(r.number, r.title) for r in article.references.all()] == [
        (1, "First trial"),
        (2, "Second trial"),
    ]
    assert sorted(article.tags.names()) == ["TRuE-V1", "ruxolitinib"]
    assert set(Tag.objects.values_list("name", flat=True)) == {"TRuE-V1", "ruxolitinib"}

    # Readers see it straight away, on its topic and on its own page.
    client.logout()
    topic_page = client.get("/topics/vitiligo/")
    assert topic_page.status_code == 200
    assert article in topic_page.context["articles"]
    assert "Ruxolitinib cream repigments facial vitiligo" in parse(topic_page).text
    article_page = client.get(article.get_absolute_url())
    assert article_page.status_code == 200
    assert article_page.context["article"] == article
    page = parse(article_page)
    assert page.find(cls="article__body").links() == [("#ref-1", "1"), ("#ref-2", "2")]
    listed = page.find("ol", cls="reference-list").find_all("li")
    assert ["First trial" in li.text for li in listed] == [True, False]
    assert ["Second trial" in li.text for li in listed] == [False, True]


def test_editor_adds_a_draft_that_has_no_publication_date(editor_client, client):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(
        add_page,
        headline="Work in progress",
        author=make_author(),
        state=workflow.DRAFT,
        published_at_0="",
        published_at_1="",
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    draft = Article.objects.get(headline="Work in progress")
    assert draft.status == Article.Status.DRAFT
    assert draft.published_at is None
    assert draft.first_published_at is None
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_add_form_without_headline_shows_errors(editor_client):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(add_page, headline="Anything", author=make_author())
    data["headline"] = ""

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "headline" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


@pytest.mark.parametrize("state", [workflow.REVIEW, workflow.PUBLISHED])
def test_submitting_or_publishing_without_a_byline_says_to_add_one(editor_client, state):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(add_page, headline="No author here", author=make_author())
    data["bylines-0-author"] = ""
    data["state"] = state

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    errors = parse(response).find("div", id="bylines-group").find("ul", cls="errorlist")
    assert errors.text.startswith("Add at least one author to the byline before submitting")
    assert "Please correct the error below." in parse(response).find("p", cls="errornote").text
    assert not Article.objects.exists()


def test_a_draft_is_saved_without_a_byline_and_cannot_be_bulk_published_so(editor_client):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(add_page, headline="Still writing", author=make_author())
    data["bylines-0-author"] = ""
    data["state"] = workflow.DRAFT

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert not article.bylines.exists()

    page = editor_client.post(
        CHANGELIST_URL,
        {"action": "publish_now", ACTION_CHECKBOX_NAME: [article.pk]},
        follow=True,
    )
    shown = parse(page).find("ul", cls="messagelist")
    refusals = [li.text for li in shown.find_all("li", cls="warning")]
    assert refusals == [
        "Not changed: “Still writing”: it has no byline yet: add its author(s) first."
    ]
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_changelist_lists_drafts_and_scheduled_articles(editor_client):
    make_article("Live story")
    make_draft("Draft story")
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


def test_changelist_state_filter(editor_client):
    make_article("Live story")
    make_draft("Draft story")

    response = editor_client.get(CHANGELIST_URL, {"state": workflow.DRAFT})

    assert response.status_code == 200
    assert listed_headlines(response) == ["Draft story"]
    assert listed_headlines(editor_client.get(CHANGELIST_URL, {"state": "published"})) == [
        "Live story"
    ]


def test_changelist_topic_filter(editor_client):
    make_article("Vitiligo story")
    make_article("Psoriasis story", primary_topic=get_topic("psoriasis"))

    response = editor_client.get(
        CHANGELIST_URL, {"primary_topic__id__exact": get_topic("psoriasis").pk}
    )

    assert response.status_code == 200
    assert listed_headlines(response) == ["Psoriasis story"]


def test_change_form_opens_for_a_draft(editor_client):
    article = make_draft("Draft story", references=2)

    response = editor_client.get(change_url(article))

    assert response.status_code == 200
    assert response.context["original"] == article
    form = response.context["adminform"].form
    assert form["state"].value() == workflow.DRAFT
    # Never published: nothing to mark as updated, nothing to correct.
    assert "mark_updated" not in form.fields
    formsets = inline_formsets(response)
    assert list(formsets) == ["bylines", "references", "trials", "corrections"]
    assert formsets["corrections"].max_num == 0
    assert len(formsets["references"].forms) == 2


def schedule(client, article, goes_live):
    """Schedule ``article`` through its change form: Published with a time to come."""
    date, time = split_datetime(goes_live)
    data = change_form_data(
        client, article, state=workflow.PUBLISHED, published_at_0=date, published_at_1=time
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert workflow.state_of(article) == workflow.SCHEDULED


def test_a_scheduled_article_offers_no_correction_notes_or_update_yet(editor_client):
    article = make_draft("Scheduled story")
    schedule(editor_client, article, tomorrow())

    response = editor_client.get(change_url(article))

    assert "mark_updated" not in response.context["adminform"].form.fields
    assert inline_formsets(response)["corrections"].max_num == 0


def test_publish_now_action_dates_each_article_now(editor_client):
    draft = make_draft("Draft story")
    dated_later = make_draft("Draft dated later", published_at=tomorrow())
    untouched = make_draft("Other draft")

    before = now()
    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "publish_now", ACTION_CHECKBOX_NAME: [draft.pk, dated_later.pk]},
        follow=True,
    )

    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["Published: 2 article(s)."]
    assert set(Article.objects.published()) == {draft, dated_later}
    for article in (draft, dated_later):
        article.refresh_from_db()
        # "Now" means now: a draft with no date, or a date to come, goes live at once.
        assert before <= article.published_at <= now()
        assert article.first_published_at == article.published_at
    untouched.refresh_from_db()
    assert untouched.status == Article.Status.DRAFT
    assert untouched.published_at is None


def test_publishing_a_scheduled_article_now_records_that_it_first_went_live_now(
    editor_client,
):
    article = make_draft("Scheduled story")
    schedule(editor_client, article, now() + timedelta(days=3))

    before = now()
    editor_client.post(
        CHANGELIST_URL, {"action": "publish_now", ACTION_CHECKBOX_NAME: [article.pk]}
    )

    article.refresh_from_db()
    assert article.is_published
    assert before <= article.published_at <= now()
    assert article.first_published_at == article.published_at


def test_rescheduling_moves_the_first_publication_with_the_schedule(editor_client):
    article = make_draft("Scheduled story")
    schedule(editor_client, article, now() + timedelta(days=10))
    sooner = (now() + timedelta(days=1)).replace(microsecond=0)

    schedule(editor_client, article, sooner)

    assert article.published_at == sooner
    assert article.first_published_at == sooner


def test_back_to_draft_action_unpublishes_and_keeps_the_dates(editor_client, client):
    article = make_article("Live story")
    published_at = article.published_at

    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "back_to_draft", ACTION_CHECKBOX_NAME: [article.pk]},
        follow=True,
    )

    assert [str(message) for message in response.context["messages"]] == [
        "Moved back to draft: 1 article(s)."
    ]
    assert not Article.objects.published().exists()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    # Kept for a re-publication: it goes back up with the date readers first saw.
    assert article.published_at == published_at
    assert article.first_published_at == published_at
    assert client.get(article.get_absolute_url()).status_code == 404


def test_substantive_update_is_a_tick_box_and_readers_see_updated(editor_client, client):
    article = make_article("Live story")
    page = editor_client.get(change_url(article))
    fields = page.context["adminform"].form.fields
    # The update time is set by the save, never typed.
    assert "updated_at" not in fields
    assert "mark_updated" in fields

    before = now()
    response = editor_client.post(
        change_url(article),
        change_form_data(editor_client, article, body="A corrected paragraph.", mark_updated="on"),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert before <= article.updated_at <= now()
    dateline = parse(client.get(article.get_absolute_url())).find(cls="dateline")
    updated = dateline.find(cls="dateline__updated")
    assert updated.text.startswith("Updated")
    assert updated.find("time").attrs["datetime"] == iso(article.updated_at)


def test_an_edit_without_the_tick_is_not_an_update_for_readers(editor_client, client):
    article = make_article("Live story")

    response = editor_client.post(
        change_url(article), change_form_data(editor_client, article, body="Typo fixed.")
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.body == "Typo fixed."
    assert article.updated_at is None
    dateline = parse(client.get(article.get_absolute_url())).find(cls="dateline")
    assert dateline.find(cls="dateline__updated") is None


def test_correction_note_is_added_on_a_published_article_and_shown_to_readers(
    editor_client, client
):
    article = make_article("Live story")
    page = editor_client.get(change_url(article))
    assert inline_formsets(page)["corrections"].max_num != 0
    noted_at = now().replace(microsecond=0)
    date, time = split_datetime(noted_at)
    data = change_form_data(
        editor_client,
        article,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": Correction.Kind.CORRECTION,
            "corrections-0-noted_at_0": date,
            "corrections-0-noted_at_1": time,
            "corrections-0-note": "The trial enrolled 344 patients, not 330.",
        },
    )

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    (correction,) = Correction.objects.filter(article=article)
    assert correction.note == "The trial enrolled 344 patients, not 330."
    assert correction.noted_at == noted_at
    assert correction.created_by.username == "editor"
    foot = parse(client.get(article.get_absolute_url())).find("section", id="corrections")
    assert "The trial enrolled 344 patients, not 330." in foot.text


def test_a_draft_takes_no_correction_note_even_from_a_hand_made_post(editor_client):
    draft = make_draft("Draft story")
    date, time = split_datetime(now())
    data = change_form_data(
        editor_client,
        draft,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": Correction.Kind.CORRECTION,
            "corrections-0-noted_at_0": date,
            "corrections-0-noted_at_1": time,
            "corrections-0-note": "Readers never saw this article.",
        },
    )

    editor_client.post(change_url(draft), data)

    assert not Correction.objects.filter(article=draft).exists()


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
    form = parse(editor_client.get(ADD_URL)).find("form", id="article_form")
    headline = form.find("input", name="headline")
    body = form.find("textarea", name="body")
    assert "vLargeTextField" in headline.attrs["class"].split()
    assert body.attrs["rows"] == "24"
    # The body's help text, under the box.
    assert "Cite a reference by its number in brackets" in form.find(id="id_body_helptext").text


# Lead image: an images.Image picked in the article form. Uploading one (alt text and
# credit required) is tested in tests/images and test_lead_image.py.


def test_add_form_with_a_lead_image_saves_and_readers_see_it(
    editor_client, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    image = make_image(
        1200,
        800,
        alt_text="Depigmented patches on the back of a hand",
        credit="Jane Roe/Adobe Stock",
    )
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(
        add_page, headline="Image with alt", author=make_author(), lead_image=image.pk
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.lead_image == image
    figure = parse(client.get(article.get_absolute_url())).find("figure", cls="lead-figure")
    assert figure.find("img").attrs["alt"] == "Depigmented patches on the back of a hand"
    assert figure.find(cls="credit").text == "Photo: Jane Roe/Adobe Stock"


def test_add_form_with_an_unknown_lead_image_shows_errors(editor_client):
    add_page = editor_client.get(ADD_URL)
    data = article_form_data(
        add_page, headline="Image gone", author=make_author(), lead_image="999999"
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "lead_image" in response.context["adminform"].form.errors
    assert not Article.objects.exists()
