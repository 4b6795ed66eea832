"""Re-importing an article readers have seen: the live page stays as it is, and the
import waits for an editor, who compares it with the live text and applies or
discards it (issue 16, item 4).

Articles come from files in the seed's format (tests/imports/articles/), go through
the real admin (upload, preview, confirm; the change form; the review page) or the
command, and pages are parsed as an editor or a reader sees them.
"""

import threading
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission, User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from imports.models import PendingImport
from tests.builders import (
    days_ago,
    form_data_from,
    get_topic,
    make_editor,
    make_reference,
    make_writer,
)
from tests.imports.builders import make_pending_import
from tests.pagecache.conftest import use_cache
from tests.pages import parse

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).parent / "articles"
ORIGINAL = "spesolimab-pustular-psoriasis.txt"
REVISED = "spesolimab-pustular-psoriasis-revised.txt"
# What an editor changed on the live article, which the file does not have.
EDITORS_FIX = "## Results at week 1 (Effisayil 1)"
NEW_SECTION = "In Effisayil 2, subcutaneous spesolimab every 4 weeks lowered the risk"
NEW_DECK_END = "a second trial tested it as prevention."


def import_url():
    return reverse("admin:articles_article_import")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def review_url(article, action=""):
    name = "admin:articles_article_reimport" + (f"_{action}" if action else "")
    return reverse(name, args=[article.pk])


def upload_and_confirm(client, name, **options):
    """Upload a file in the admin and press the preview's Confirm: (preview, response)."""
    upload = SimpleUploadedFile(name, (ARTICLES / name).read_bytes(), content_type="text/plain")
    topic = get_topic("psoriasis").pk
    preview = client.post(import_url(), {"files": [upload], "topic": topic, **options})
    assert preview.status_code == 200
    data = form_data_from(preview.content.decode(), "import-confirm-form")
    data["confirm"] = "Import"
    response = client.post(import_url(), data)
    assert response.status_code == 302
    return preview, response


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def reader_body(article):
    """The article's text as an anonymous reader sees it."""
    response = Client().get(article.get_absolute_url())
    assert response.status_code == 200
    return parse(response).find("div", cls="article__body").text


def reader_references(article):
    page = parse(Client().get(article.get_absolute_url()))
    return [item.text for item in page.find("ol", cls="reference-list").find_all("li")]


def revisions(article):
    return list(Version.objects.get_for_object(article).select_related("revision"))


def snapshot(article):
    """What a re-import must leave alone: the stored article and its references."""
    article = Article.objects.get(pk=article.pk)
    return (
        article.headline,
        article.deck,
        article.body,
        article.edit_token,
        article.status,
        list(article.references.values_list("number", "citation")),
    )


@pytest.fixture
def editor(client):
    client.force_login(make_editor())
    return client


@pytest.fixture
def live(editor):
    """The original imported and published, then fixed on the live page by an editor
    (a subheading): what a re-import of the file must not overwrite."""
    upload_and_confirm(editor, ORIGINAL, publish="on")
    article = Article.objects.get()
    assert article.is_published and article.has_been_public
    data = form_data_from(editor.get(change_url(article)).content.decode(), "article_form")
    data["body"] = data["body"].replace("## Results at week 1", EDITORS_FIX)
    data["_save"] = "Save"
    assert editor.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert EDITORS_FIX in article.body
    return article


@pytest.fixture
def pending(editor, live):
    """The revised file re-imported in the admin: waiting for review."""
    upload_and_confirm(editor, REVISED)
    return PendingImport.objects.get(article=live)


# -- The re-import waits ---------------------------------------------------------


def test_reimporting_a_live_article_leaves_it_as_readers_saw_it(editor, live):
    before, history = snapshot(live), revisions(live)

    preview, response = upload_and_confirm(editor, REVISED)

    # The preview and the message say so, and lead to the review.
    result = parse(preview).find("table", id="import-preview").find("tbody").find_all("td")[5]
    assert result.text.startswith("Waiting for review: changes to")
    [message] = messages_of(response)
    assert message.startswith(f"{REVISED}: waiting for review:")
    assert "updated" not in message
    link = parse(f"<p>{message}</p>").find("a")
    assert (link.attrs["href"], link.text) == (review_url(live), "Review the changes")
    # Nothing of the article changed; readers see the editor's fix, not the new section.
    assert snapshot(live) == before
    assert revisions(live) == history
    body = reader_body(live)
    assert "Results at week 1 (Effisayil 1)" in body
    assert "Effisayil 2" not in body
    assert len(reader_references(live)) == 3
    # One re-import waits, holding the file's text and who imported it.
    pending = PendingImport.objects.get()
    assert pending.article == live
    assert NEW_SECTION in pending.body and EDITORS_FIX not in pending.body
    assert pending.deck.endswith(NEW_DECK_END)
    assert [number for number, _ in pending.reference_list] == [1, 2, 3, 4]
    assert pending.source_text == (ARTICLES / REVISED).read_text(encoding="utf-8")
    assert pending.imported_by.username == "editor"
    assert pending.topic_ids == [get_topic("psoriasis").pk]
    assert LogEntry.objects.filter(
        object_id=str(live.pk),
        action_flag=CHANGE,
        change_message=f"Importing {REVISED}: changes waiting for review.",
    ).exists()


def test_a_second_reimport_replaces_the_one_waiting(editor, pending):
    live = pending.article
    before = snapshot(live)

    _, response = upload_and_confirm(editor, ORIGINAL)

    [replacement] = PendingImport.objects.all()
    assert replacement.pk != pending.pk
    assert "Effisayil 2" not in replacement.body
    assert "## Results at week 1\n" in replacement.body
    assert any("it replaces the re-import of" in message for message in messages_of(response))
    assert snapshot(live) == before


def test_the_command_says_the_import_waits_for_review(live):
    before = snapshot(live)

    line = run_import(REVISED).splitlines()[0]

    assert line.startswith(f"{ARTICLES / REVISED}: waiting for review:")
    assert line.endswith(f"at {review_url(live)}")
    assert "updated" not in line
    assert snapshot(live) == before
    assert PendingImport.objects.get().imported_by is None


def test_an_article_readers_never_saw_is_still_updated_in_place(editor):
    upload_and_confirm(editor, ORIGINAL)  # waits in review, never published
    article = Article.objects.get()
    assert not article.has_been_public

    _, response = upload_and_confirm(editor, REVISED)

    assert messages_of(response)[0].startswith(f"{REVISED}: updated")
    assert not PendingImport.objects.exists()
    article.refresh_from_db()
    assert NEW_SECTION in article.body
    assert article.references.count() == 4


def test_an_unpublished_article_readers_saw_still_waits(editor, live):
    editor.post(
        reverse("admin:articles_article_changelist"),
        {"action": "back_to_draft", "_selected_action": [live.pk]},
    )
    live.refresh_from_db()
    assert live.status == Article.Status.DRAFT and live.has_been_public

    upload_and_confirm(editor, REVISED)

    assert PendingImport.objects.filter(article=live).exists()
    live.refresh_from_db()
    assert NEW_SECTION not in live.body


# -- The review page -------------------------------------------------------------


def field_diff(page, key):
    """{"removed": [...], "added": [...], "same": [...]} lines of one field's diff,
    each line's text without its label."""
    section = page.find("section", id=f"diff-{key}")
    lines = {"removed": [], "added": [], "same": []}
    for tag, kind in (("del", "removed"), ("ins", "added")):
        for line in section.find_all(tag, cls="diff-line"):
            label = line.find("span", cls="diff-label").text
            assert label == {"removed": "Removed", "added": "Added"}[kind]
            lines[kind].append(line.text.removeprefix(label).strip())
    lines["same"] = [line.text for line in section.find_all("div", cls="diff-same")]
    return lines


def test_the_review_shows_the_live_text_against_the_imported_one(editor, pending):
    live = pending.article

    response = editor.get(review_url(live))

    assert response.status_code == 200
    page = parse(response)
    assert page.find("h1").text == f"Review the re-import of “{live.headline}”"
    headline = field_diff(page, "headline")
    assert headline["removed"] == headline["added"] == []
    assert headline["same"] == [live.headline]
    deck = field_diff(page, "deck")
    assert deck["removed"] == [live.deck]
    assert deck["added"] == [pending.deck]
    # The changed words of an edited line are marked (not by colour alone: <mark>).
    marked = page.find("section", id="diff-deck").find("ins").find_all("mark")
    assert NEW_DECK_END.removesuffix(".") in " ".join(mark.text for mark in marked)
    body = field_diff(page, "body")
    assert body["removed"] == [EDITORS_FIX]
    assert body["added"] == ["## Results at week 1", "## Preventing flares", pending_line(pending)]
    references = field_diff(page, "references")
    assert references["removed"] == []
    assert [line[:10] for line in references["added"]] == ["4. Morita "]
    assert "No change." in page.find("section", id="diff-topics").text
    # Unchanged lines far from a change are folded away, one click from view.
    folded = page.find("section", id="diff-body").find_all("details", cls="diff-folded")
    assert folded and all(fold.find("summary").text.endswith("unchanged lines") for fold in folded)
    # The long texts are not in a <pre> that would run off the screen.
    assert page.find("section", id="diff-body").find("pre") is None
    # What changes, linked; the two buttons post the reviewed re-import.
    assert [text for _, text in page.find("dl", cls="reimport-facts").links()] == [
        "Deck",
        "Body (Markdown)",
        "References",
    ]
    for form_id, action in (("reimport-apply-form", "apply"), ("reimport-discard-form", "discard")):
        form = page.find("form", id=form_id)
        assert (form.attrs["method"], form.attrs["action"]) == ("post", review_url(live, action))
        assert form.find("input", name="pending").attrs["value"] == str(pending.pk)


def pending_line(pending):
    return next(line for line in pending.body.splitlines() if line.startswith("In Effisayil 2"))


def test_the_review_shows_markup_as_typed_and_the_import_warnings(editor, live):
    pending = make_pending_import(
        live,
        deck="A deck with <script>alert(1)</script> in it.",
        warnings="deck contains markup (<script>): readers would see it as typed.",
    )

    page = parse(editor.get(review_url(live)))

    assert field_diff(page, "deck")["added"] == [pending.deck]
    assert page.find("section", id="diff-deck").find("script") is None
    warnings = page.find("div", cls="reimport-warnings").find_all("li")
    assert [item.text for item in warnings] == [pending.warning_list[0]]


@pytest.mark.parametrize("size", [3, 40])
def test_the_review_costs_the_same_queries_however_long_the_article(
    editor, django_assert_num_queries, size
):
    live = Article.objects.create(
        headline="A long story",
        slug="a-long-story",
        deck="Its deck.",
        body="\n\n".join(f"Paragraph {n}." for n in range(size)),
        primary_topic=get_topic("psoriasis"),
        status=Article.Status.PUBLISHED,
        published_at=days_ago(3),
        first_published_at=days_ago(3),
    )
    for number in range(1, size + 1):
        make_reference(live, number=number, citation=f"Citation {number}.")
    live.topics.set([get_topic("rare-disease")])
    make_pending_import(
        live,
        references=[[n, f"Citation {n}, corrected."] for n in range(1, size + 1)],
        topic_ids=[get_topic("psoriasis").pk, get_topic("drug-watch").pk],
        author_ids=[],
    )
    editor.get(review_url(live))  # the session and the content types, cached

    # Session, user, two of permissions, the site's settings, the menu's counts; the
    # re-import with its article, the article's references and topics, the topics it
    # brings: the same for 3 references and paragraphs as for 40.
    with django_assert_num_queries(10):
        response = editor.get(review_url(live))
    assert len(field_diff(parse(response), "references")["added"]) == size


# -- Apply and discard ---------------------------------------------------------------


def test_apply_gives_the_live_article_the_imported_text_in_one_revision(editor, pending):
    live = pending.article
    history = revisions(live)

    response = editor.post(review_url(live, "apply"), {"pending": pending.pk})

    assert response.status_code == 302
    assert response["Location"] == change_url(live)
    assert not PendingImport.objects.exists()
    live.refresh_from_db()
    assert live.is_published and live.slug == Article.objects.get().slug
    assert live.deck.endswith(NEW_DECK_END)
    body = reader_body(live)
    assert "Effisayil 2" in body and "Results at week 1 (Effisayil 1)" not in body
    assert len(reader_references(live)) == 4
    new = revisions(live)[: len(revisions(live)) - len(history)]
    assert len(new) == 1
    assert new[0].revision.comment.startswith("Re-import applied after review by editor")
    assert new[0].revision.user.username == "editor"
    assert messages_of(response)[-1].startswith(f"The re-import of “{live}” is applied")
    assert LogEntry.objects.filter(
        object_id=str(live.pk), change_message="Applied the re-import that was waiting for review."
    ).exists()
    # The form no longer mentions it.
    assert parse(editor.get(change_url(live))).find("div", cls="pending-import-notice") is None


def test_apply_stores_the_import_warnings_as_an_import_does(editor, live):
    pending = make_pending_import(live, deck="A deck with <b>bold</b> in it.")

    editor.post(review_url(live, "apply"), {"pending": pending.pk})

    live.refresh_from_db()
    assert live.deck == "A deck with <b>bold</b> in it."
    assert live.import_warnings.startswith("deck contains markup (<b>)")


def test_discard_leaves_the_article_as_it_is(editor, pending):
    live = pending.article
    before, history = snapshot(live), revisions(live)

    response = editor.post(review_url(live, "discard"), {"pending": pending.pk})

    assert response.status_code == 302
    assert response["Location"] == change_url(live)
    assert not PendingImport.objects.exists()
    assert snapshot(live) == before
    assert revisions(live) == history
    assert "Results at week 1 (Effisayil 1)" in reader_body(live)
    assert messages_of(response)[-1] == (
        f"The re-import of “{live}” is discarded; the article is as it was."
    )


def test_a_review_overtaken_by_a_newer_import_applies_nothing(editor, pending):
    live = pending.article
    before = snapshot(live)
    upload_and_confirm(editor, ORIGINAL)  # replaces the one the editor reviewed
    newer = PendingImport.objects.get()

    for action in ("apply", "discard"):
        response = editor.post(review_url(live, action), {"pending": pending.pk})
        assert response["Location"] == review_url(live)
        assert messages_of(response)[-1].startswith("Another import of this article arrived")

    assert PendingImport.objects.get() == newer
    assert snapshot(live) == before


def test_the_change_form_announces_the_waiting_reimport(editor, pending):
    page = parse(editor.get(change_url(pending.article)))

    notice = page.find("div", cls="pending-import-notice")
    assert notice.text.startswith("A re-import of this article is waiting for review")
    assert notice.links() == [(review_url(pending.article), "Review the changes")]


# -- Who may, and what GET and unknown addresses do ------------------------------------


def staff_with(*codenames):
    user = User.objects.create_user("viewer", password="viewer-pass-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.mark.parametrize(
    "make_user",
    [lambda: staff_with("view_article"), make_writer],
    ids=["may-only-view-articles", "writer-on-a-live-article"],
)
def test_only_those_who_may_edit_the_article_review_it(pending, make_user):
    live = pending.article
    before = snapshot(live)
    client = Client()
    client.force_login(make_user())

    assert client.get(review_url(live)).status_code == 403
    for action in ("apply", "discard"):
        assert client.post(review_url(live, action), {"pending": pending.pk}).status_code == 403
    assert PendingImport.objects.get() == pending
    assert snapshot(live) == before
    notice = parse(client.get(change_url(live))).find("div", cls="pending-import-notice")
    assert notice is None or notice.links() == []


def test_a_writer_reviews_the_reimport_of_their_own_draft(pending):
    """A writer edits their own draft, and so reviews its re-import (once taken down)."""
    writer = make_writer()
    live = pending.article
    Article.objects.filter(pk=live.pk).update(created_by=writer, status=Article.Status.DRAFT)
    client = Client()
    client.force_login(writer)

    assert client.get(review_url(live)).status_code == 200
    response = client.post(review_url(live, "apply"), {"pending": pending.pk})

    assert response.status_code == 302
    assert NEW_SECTION in Article.objects.get(pk=live.pk).body


def test_get_and_head_change_nothing_and_other_methods_are_refused(editor, pending):
    live = pending.article
    before = snapshot(live)

    assert editor.get(review_url(live)).status_code == 200
    assert editor.head(review_url(live)).status_code == 200
    assert editor.post(review_url(live), {"pending": pending.pk}).status_code == 405
    for action in ("apply", "discard"):
        assert editor.get(review_url(live, action)).status_code == 405

    assert PendingImport.objects.get() == pending
    assert snapshot(live) == before


def test_unknown_articles_and_articles_with_nothing_waiting_are_404(editor, live):
    for article_id in (live.pk, live.pk + 1000):
        url = reverse("admin:articles_article_reimport", args=[article_id])
        assert editor.get(url).status_code == 404
        for action in ("apply", "discard"):
            url = reverse(f"admin:articles_article_reimport_{action}", args=[article_id])
            assert editor.post(url, {"pending": 1}).status_code == 404


# -- Committed for real: two imports at once, and the page cache -----------------------


def run_import(name, *options):
    out = StringIO()
    call_command("import_articles", str(ARTICLES / name), "--topic", "psoriasis", *options,
                 stdout=out)  # fmt: skip
    return out.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reimports_at_once_both_wait_and_one_is_kept():
    """Both imports lock the article as every import does: the second waits for the
    first, then replaces what it left. Each gets a sane answer; one re-import waits."""
    run_import(ORIGINAL, "--publish")
    live = Article.objects.get()
    before = snapshot(live)
    barrier = threading.Barrier(2)
    outputs = [None, None]

    def reimport(index, name):
        try:
            barrier.wait(timeout=30)
            outputs[index] = run_import(name)
        except Exception as error:  # reported, not swallowed: asserted below
            outputs[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=reimport, args=(index, name))
        for index, name in enumerate((REVISED, ORIGINAL))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert all(isinstance(out, str) and ": waiting for review:" in out for out in outputs), outputs
    [pending] = PendingImport.objects.all()
    assert pending.source_text in {
        (ARTICLES / name).read_text(encoding="utf-8") for name in (REVISED, ORIGINAL)
    }
    assert snapshot(live) == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_readers_cached_page_changes_when_the_reimport_is_applied(settings):
    use_cache(settings, "locmem")
    run_import(ORIGINAL, "--publish")
    live = Article.objects.get()
    reader, url = Client(), live.get_absolute_url()
    reader.get(url)
    assert reader.get(url)["X-Cache"] == "hit"

    run_import(REVISED)
    # Nothing readers see changed, so the cached page is still good.
    response = reader.get(url)
    assert response["X-Cache"] == "hit"
    assert "Effisayil 2" not in parse(response).find("div", cls="article__body").text

    editor = Client()
    editor.force_login(make_editor())
    pending = PendingImport.objects.get()
    assert editor.post(review_url(live, "apply"), {"pending": pending.pk}).status_code == 302

    response = reader.get(url)
    assert response["X-Cache"] == "miss"
    assert "Effisayil 2" in parse(response).find("div", cls="article__body").text
