"""Importing articles in the admin: upload, preview (nothing written), confirm.

Driven through the real admin with the test client, as an editor or writer
clicks through it; the pages are parsed, not matched as raw markup.
"""

from datetime import date

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from articles import services
from articles.models import Article, Author, Reference
from imports.admin import MAX_FILE_SIZE, MAX_FILES
from tests.builders import form_data_from, get_topic, make_article_text, make_editor, make_writer
from tests.pages import parse

pytestmark = pytest.mark.django_db

GOOD_HEADLINE = "Tralokinumab Eases Atopic Dermatitis in Adolescents"


def import_url():
    return reverse("admin:articles_article_import")


def changelist_url():
    return reverse("admin:articles_article_changelist")


def text_file(name, content):
    data = content if isinstance(content, bytes) else content.encode()
    return SimpleUploadedFile(name, data, content_type="text/plain")


def upload(client, *files, **options):
    return client.post(import_url(), {"files": list(files), **options})


def confirm(client, preview, **changes):
    """Press the preview's Confirm button, with the form as the page rendered it."""
    data = form_data_from(preview.content.decode(), "import-confirm-form")
    data.update(changes)
    data["confirm"] = "Import"
    return client.post(import_url(), data)


def preview_rows(response):
    """The preview table as {file name: {column heading: cell text}}."""
    table = parse(response).find("table", id="import-preview")
    headings = [cell.text for cell in table.find("thead").find_all("th")]
    rows = {}
    for row in table.find("tbody").find_all("tr"):
        cells = [cell for cell in row.children if cell.tag in ("th", "td")]
        rows[cells[0].text] = dict(zip(headings, (cell.text for cell in cells), strict=True))
    return rows


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def editor(client):
    return login(client, make_editor())


@pytest.fixture
def writer(client):
    return login(client, make_writer())


def staff_with(*codenames, username="staffer"):
    user = User.objects.create_user(username=username, password="x-pass-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


# -- The way in -------------------------------------------------------------------


def test_changelist_has_an_import_button(editor):
    page = parse(editor.get(changelist_url()))

    tools = page.find("ul", cls="object-tools")
    links = {text: href for href, text in tools.links()}
    assert links["Import articles"] == import_url()
    assert any(text.startswith("Recover deleted") for text in links)  # the admin's own tools stay


def test_no_button_without_the_add_permission(client):
    login(client, staff_with("view_article"))

    page = parse(client.get(changelist_url()))

    assert "Import articles" not in page.text


def test_upload_page_looks_like_the_admin(editor):
    response = editor.get(import_url())

    assert response.status_code == 200
    page = parse(response)
    assert page.find("title").text.startswith("Import articles")
    crumbs = page.find("div", cls="breadcrumbs")
    assert [text for _, text in crumbs.links()] == ["Home", "Articles", "Articles"]
    assert crumbs.text.endswith("Import articles")
    form = page.find("form", id="import-form")
    assert form.attrs["enctype"] == "multipart/form-data"
    files = form.find("input", type="file", name="files")
    assert "multiple" in files.attrs
    assert form.find("select", name="topic").find("option").text == "From the text"
    assert form.find("input", name="byline") is not None
    assert form.find("input", type="checkbox", name="publish") is not None


def test_writer_is_not_offered_publishing(writer):
    form = parse(writer.get(import_url())).find("form", id="import-form")

    assert form.find("input", name="files") is not None
    assert form.find("input", name="publish") is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_staff_without_add_permission_gets_403(client, method):
    login(client, staff_with("view_article", "change_article"))

    response = getattr(client, method)(import_url())

    assert response.status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(import_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# -- Upload and preview -----------------------------------------------------------


def test_preview_shows_good_and_bad_files_and_writes_nothing(editor):
    response = upload(
        editor,
        text_file("tralo.txt", make_article_text()),
        text_file("broken.txt", "Only a headline\n"),
    )

    assert response.status_code == 200
    rows = preview_rows(response)
    assert list(rows) == ["tralo.txt", "broken.txt"]
    good, bad = rows["tralo.txt"], rows["broken.txt"]
    assert good["Headline"] == GOOD_HEADLINE
    assert good["Primary topic"] == "Atopic Dermatitis"
    assert good["References"] == "3"
    assert good["Result"] == "New article"
    assert good["Errors"] == ""
    assert bad["Result"] == "Not imported"
    assert bad["Errors"].startswith("no body text")
    assert Article.objects.count() == 0
    assert Author.objects.count() == 0
    assert Version.objects.count() == 0
    confirm_form = parse(response).find("form", id="import-confirm-form")
    assert [i.attrs["value"] for i in confirm_form.find_all("input", name="file_name")] == [
        "tralo.txt"
    ]
    button = confirm_form.find("input", type="submit", name="confirm")
    assert button.attrs["value"] == "Import 1 article"


def test_confirm_imports_the_good_file_in_review(editor):
    preview = upload(
        editor,
        text_file("tralo.txt", make_article_text()),
        text_file("broken.txt", "Only a headline\n"),
    )

    response = confirm(editor, preview)

    assert response.status_code == 302
    assert response["Location"] == changelist_url()
    article = Article.objects.get()
    assert article.headline == GOOD_HEADLINE
    assert article.status == Article.Status.REVIEW
    assert article.first_published_at is None
    assert article.primary_topic == get_topic("atopic-dermatitis")
    assert article.references.count() == 3
    assert [str(author) for author in article.authors.all()] == ["Editorial Staff"]
    assert (article.source_name, article.source_year) == ("MJH Life Sciences", 2024)
    assert article.created_by.username == "editor"
    revision = Version.objects.get_for_object(article).get().revision
    assert revision.user.username == "editor"
    assert revision.comment == "Imported from tralo.txt in the admin."
    message, guess = messages_of(response)
    assert parse(message).text == f"tralo.txt: created “{GOOD_HEADLINE}” (in review, 3 references)."
    assert guess.startswith("tralo.txt: the text has no date: dated December 31, 2024")
    assert article.published_at.date() == date(2024, 12, 31)  # the latest its © 2024 allows
    changelist = parse(editor.get(response["Location"]))
    assert (
        reverse("admin:articles_article_change", args=[article.pk]),
        GOOD_HEADLINE,
    ) in changelist.find("ul", cls="messagelist").links()


def test_topic_and_byline_options(editor):
    preview = upload(
        editor,
        text_file("tralo.txt", make_article_text()),
        topic=get_topic("eczema").pk,
        byline="Jane Doe, MD, FAAD",
    )
    assert preview_rows(preview)["tralo.txt"]["Primary topic"] == "Eczema"

    confirm(editor, preview)

    article = Article.objects.get()
    assert article.primary_topic == get_topic("eczema")
    assert [author.display_name for author in article.authors.all()] == ["Jane Doe, MD, FAAD"]


def test_editor_may_publish_now(editor):
    preview = upload(editor, text_file("tralo.txt", make_article_text()), publish="on")

    response = confirm(editor, preview)

    article = Article.objects.get()
    assert article.is_published
    assert article.first_published_at is not None
    assert "(published, 3 references)" in messages_of(response)[0]


def test_writer_cannot_publish_even_with_a_hand_made_request(writer):
    preview = upload(writer, text_file("tralo.txt", make_article_text()), publish="on")
    assert preview.status_code == 200

    confirm(writer, preview, publish="on")

    article = Article.objects.get()
    assert article.status == Article.Status.REVIEW
    assert article.first_published_at is None
    assert article.created_by.username == "writer"


def test_markup_is_warned_about_and_never_published(editor):
    headline = "Acne <script>alert(1)</script> Update"
    preview = upload(editor, text_file("x.txt", make_article_text(headline)), publish="on")

    row = preview_rows(preview)["x.txt"]
    assert row["Headline"] == headline  # shown as typed: escaped, not run
    assert all("alert(1)" not in script.text for script in parse(preview).find_all("script"))
    assert "headline contains markup (<script>)" in row["Warnings"]
    assert "will not be published" in row["Warnings"]

    response = confirm(editor, preview)

    article = Article.objects.get()
    assert article.headline == headline
    assert article.status == Article.Status.REVIEW
    assert any("not published because of the markup" in m for m in messages_of(response))


def test_reimport_is_previewed_as_an_update_of_the_same_article(editor):
    confirm(editor, upload(editor, text_file("tralo.txt", make_article_text())))
    article = Article.objects.get()
    reference_ids = list(article.references.values_list("pk", flat=True))
    article.headline = "Tralokinumab Helps Teenagers With Eczema"
    services.save_article(article, by=None)

    preview = upload(editor, text_file("tralo-again.txt", make_article_text()))

    row = preview_rows(preview)["tralo-again.txt"]
    assert row["Result"] == "Updates Tralokinumab Helps Teenagers With Eczema (in review)"
    response = confirm(editor, preview)
    assert Article.objects.count() == 1
    assert list(Article.objects.get().references.values_list("pk", flat=True)) == reference_ids
    assert messages_of(response)[0].startswith("tralo-again.txt: updated")


def test_writer_cannot_update_an_article_they_may_not_edit(client):
    editor = make_editor()
    login(client, editor)
    confirm(client, upload(client, text_file("tralo.txt", make_article_text())))
    login(client, make_writer())

    preview = upload(client, text_file("tralo.txt", make_article_text(deck="A new deck.")))

    row = preview_rows(preview)["tralo.txt"]
    assert "which you may not edit" in row["Errors"]
    assert parse(preview).find("form", id="import-confirm-form") is None


# -- What the files must be -------------------------------------------------------


def test_each_bad_file_is_reported_by_name(editor):
    response = upload(
        editor,
        text_file("latin1.txt", "Acne\n\nDeck caf\u00e9.\n\nBody.\n".encode("latin-1")),
        text_file("empty.txt", b""),
        text_file("huge.txt", b"x" * (MAX_FILE_SIZE + 1)),
        text_file("no-topic.txt", make_article_text("A Headline Without Any Topic")),
    )

    rows = preview_rows(response)
    assert "not UTF-8 text" in rows["latin1.txt"]["Errors"]
    assert rows["empty.txt"]["Errors"] == "the file is empty"
    assert rows["huge.txt"]["Errors"] == "larger than 1 MB"
    assert "choose a topic" in rows["no-topic.txt"]["Errors"]
    assert parse(response).find("form", id="import-confirm-form") is None


def test_an_overlong_headline_is_reported_with_its_field(editor):
    response = upload(editor, text_file("long.txt", make_article_text("Acne " + "x" * 300)))

    error = preview_rows(response)["long.txt"]["Errors"]
    assert error.startswith("headline: Ensure this value has at most 300 characters")


def test_the_same_article_twice_in_one_upload_is_one_article(editor):
    preview = upload(
        editor,
        text_file("a.txt", make_article_text()),
        text_file("b.txt", make_article_text(deck="A second version of the deck.")),
    )

    rows = preview_rows(preview)
    assert rows["b.txt"]["Warnings"].startswith(
        "the same article as a.txt: this file updates it again."
    )
    confirm(editor, preview)
    assert Article.objects.get().deck == "A second version of the deck."
    assert Reference.objects.count() == 3


def test_at_most_twenty_files(editor):
    files = [text_file(f"{n}.txt", make_article_text()) for n in range(MAX_FILES + 1)]

    response = upload(editor, *files)

    assert response.status_code == 200
    errors = parse(response).find("form", id="import-form").find_all(cls="errorlist")
    assert "Choose at most 20 files at a time (you chose 21)." in [e.text for e in errors]
    assert Article.objects.count() == 0


def test_no_file_is_a_form_error(editor):
    response = upload(editor)

    form = parse(response).find("form", id="import-form")
    assert "This field is required." in form.find(cls="errorlist").text


def test_confirm_checks_the_texts_again(editor):
    preview = upload(editor, text_file("tralo.txt", make_article_text()))

    response = confirm(editor, preview, file_text="Only a headline\n")

    assert response.status_code == 302
    assert Article.objects.count() == 0
    assert Reference.objects.count() == 0
    (message,) = messages_of(response)
    assert message.startswith("tralo.txt: not imported: no body text")


def test_confirm_without_texts_imports_nothing(editor):
    response = editor.post(import_url(), {"confirm": "Import", "file_name": ["a.txt"]})

    assert response.status_code == 302
    assert response["Location"] == import_url()
    assert Article.objects.count() == 0
    assert "nothing was imported" in messages_of(response)[0]
