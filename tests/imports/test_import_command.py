"""manage.py import_articles: files in, articles in review out, bad files refused one by one.

The command is the thinnest caller of imports.services.import_article, so the
service's rules (identity, in-place updates, warnings, one revision, two imports
at once) are tested through it, as an editor at the command line sees them.
"""

import shutil
import threading
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article, Author, Byline, Reference
from articles.services import author_from_byline
from imports.models import PendingImport
from imports.services import HEADLINE_KEY_PREFIX, apply_pending_import
from tests.builders import SEED_PATH, get_topic, make_article, make_article_text, make_author

pytestmark = pytest.mark.django_db

SEED_HEADLINE = "Researchers Optimistic About Ruxolitinib Cream as Non-Segmental Vitiligo Treatment"
SEED_SLUG = "researchers-optimistic-about-ruxolitinib-cream-as-non-segmental-vitiligo-treatment"
TRALO_HEADLINE = "Tralokinumab Eases Atopic Dermatitis in Adolescents"


def run(*args):
    """Run the command; return (stdout, stderr, error or None)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def counts():
    return {model.__name__: model.objects.count() for model in (Article, Reference, Byline, Author)}


@pytest.fixture
def seed_file(tmp_path):
    return shutil.copy(SEED_PATH, tmp_path / "ruxolitinib-vitiligo.txt")


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def edit_headline(article, headline):
    """What an editor's fix of the headline amounts to: an edit through the service."""
    article.headline = headline
    services.save_article(article, by=None)


# -- A first import -----------------------------------------------------------


def test_imports_the_seed_into_review(seed_file):
    out, err, error = run(seed_file)

    assert error is None, err
    created, guess = out.strip().splitlines()
    assert created == f'{seed_file}: created "{SEED_HEADLINE}" (in review; 3 references).'
    # The seed has no dateline and "© 2024 MJH Life Sciences": it is dated no later than 2024.
    assert guess == (
        f"{seed_file}: warning: the text has no date: dated December 31, 2024, the latest its "
        "copyright year (2024) allows. This is a guess: give the original's date."
    )
    article = Article.objects.get()
    assert article.headline == SEED_HEADLINE
    assert article.slug == SEED_SLUG
    assert article.deck.startswith("Following 2 phase 3 trials")
    assert article.status == Article.Status.REVIEW
    assert not article.is_published
    assert not Article.objects.published().exists()
    assert article.published_at == datetime(2024, 12, 31, tzinfo=ZoneInfo("UTC"))
    assert article.first_published_at is None
    assert article.primary_topic == get_topic("vitiligo")
    assert list(article.topics.all()) == []
    assert [str(author) for author in article.authors.all()] == ["Editorial Staff"]


def test_provenance_is_stored(seed_file):
    run(seed_file)

    article = Article.objects.get()
    assert (article.source_name, article.source_year) == ("MJH Life Sciences", 2024)
    assert article.source_photo_credit == "Peakstock/Adobe Stock"
    assert article.source_url == ""
    assert article.source_key.startswith(HEADLINE_KEY_PREFIX)


def test_seed_references(seed_file):
    run(seed_file)

    references = list(Article.objects.get().references.all())
    assert [reference.number for reference in references] == [1, 2, 3]
    first, second, third = references
    assert first.kind == Reference.Kind.JOURNAL
    assert first.doi == "10.1056/NEJMoa2118828"
    assert (first.source, first.year, first.volume, first.issue, first.pages) == (
        "N Engl J Med",
        2022,
        "387",
        "16",
        "1445-1455",
    )
    assert first.citation.startswith("Rosmarin D, Passeron T, Pandya AG, et al.")
    assert second.kind == Reference.Kind.WEB
    assert second.url == (
        "https://investor.incyte.com/news-releases/news-release-details/"
        "incyte-announces-positive-chmp-opinion-ruxolitinib-cream"
    )
    assert second.source == "Incyte"
    assert third.url == "https://skincancer.net/clinical/skin-cancer-and-vitiligo"
    assert third.title == "Skin cancer and Vitiligo: What's the connection?"


def test_seed_body(seed_file):
    run(seed_file)

    article = Article.objects.get()
    html = article.body_html
    for number in (1, 2, 3):
        assert html.count(f'href="#ref-{number}"') == 1
    assert html.count('href="#ref-') == 3
    assert "TRuE-V1 and TRuE-V2" in html
    assert "F-VSI75 improvement" in html
    for chrome in ["Photo:", "Peakstock", "Related Videos", "MJH Life Sciences", "reserved"]:
        assert chrome not in article.body
    for topic in ["General Dermatology", "Practice Management", "\u2022"]:
        assert topic not in article.body
    assert "Rosmarin" not in article.body  # references are not body text
    assert article.body.startswith("Global pharmaceutical company Incyte")


def test_one_revision_holds_the_article_its_references_and_byline(seed_file):
    run(seed_file)

    article = Article.objects.get()
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 1
    revision = versions.get().revision
    assert revision.comment == "Imported from ruxolitinib-vitiligo.txt."
    kinds = [version.content_type.model_class() for version in revision.version_set.all()]
    assert (kinds.count(Article), kinds.count(Reference), kinds.count(Byline)) == (1, 3, 1)


# -- Publishing ---------------------------------------------------------------


def test_publish_without_any_date_dates_it_no_later_than_its_copyright_year(seed_file):
    before = timezone.now()

    out, err, error = run(seed_file, "--publish")

    assert error is None, err
    assert "(published; 3 references)" in out
    article = Article.objects.get()
    assert article.is_published
    assert article.published_at == datetime(2024, 12, 31, tzinfo=ZoneInfo("UTC"))
    assert before <= article.first_published_at <= timezone.now()  # readers saw it from now


def test_publish_without_any_date_this_year_publishes_now(tmp_path):
    year = timezone.localdate().year
    text = make_article_text().replace("\u00a9 2024", f"\u00a9 {year}")
    before = timezone.now()

    out, err, error = run(write(tmp_path, "new.txt", text), "--publish")

    assert error is None, err
    assert "warning: the text has no date: it will carry the day it is published here" in out
    article = Article.objects.get()
    assert before <= article.published_at <= timezone.now()
    assert article.first_published_at == article.published_at


def test_published_at_is_the_original_date_in_the_site_time_zone(seed_file, settings):
    settings.TIME_ZONE = "America/New_York"

    run(seed_file, "--publish", "--published-at", "2024-02-23T09:30")

    article = Article.objects.get()
    assert article.is_published
    assert article.published_at == datetime(2024, 2, 23, 14, 30, tzinfo=ZoneInfo("UTC"))
    # It went live here now, whatever the original's date.
    assert article.first_published_at > timezone.now() - timedelta(minutes=1)


def test_published_at_without_publish_is_kept_for_later(seed_file):
    run(seed_file, "--published-at", "2024-02-23T09:00+00:00")

    article = Article.objects.get()
    assert article.status == Article.Status.REVIEW
    assert article.published_at == datetime(2024, 2, 23, 9, 0, tzinfo=ZoneInfo("UTC"))
    assert article.first_published_at is None


def test_publish_with_a_date_to_come_schedules(seed_file):
    out, _, _ = run(seed_file, "--publish", "--published-at", "2030-01-01T08:00+01:00")

    article = Article.objects.get()
    assert "(scheduled; 3 references)" in out
    assert article.published_at == datetime(2030, 1, 1, 7, 0, tzinfo=ZoneInfo("UTC"))
    assert article.is_scheduled
    assert not Article.objects.published().exists()


def test_markup_in_the_headline_warns_and_is_never_published(tmp_path):
    headline = "Acne <script>alert(1)</script> Update"
    path = write(tmp_path, "markup.txt", make_article_text(headline))

    out, err, error = run(path, "--publish")

    assert error is None, err
    article = Article.objects.get()
    assert article.headline == headline
    assert article.status == Article.Status.REVIEW
    assert article.first_published_at is None
    warnings = [line for line in out.splitlines() if "warning:" in line and "no date" not in line]
    assert len(warnings) == 2
    assert "headline contains markup (<script>)" in warnings[0]
    assert "not published because of the markup: it stays in review" in warnings[1]


@pytest.mark.parametrize(
    "deck",
    ["A <b>bold</b> deck.", "Research &amp; development.", "Click javascript:alert(1) now."],
)
def test_markup_in_the_deck_is_named(tmp_path, deck):
    path = write(tmp_path, "deck.txt", make_article_text(deck=deck))

    out, _, _ = run(path)

    assert f"{path}: warning: deck contains markup" in out
    assert "headline contains markup" not in out


def test_lower_than_and_ampersand_alone_are_not_markup(tmp_path):
    path = write(tmp_path, "plain.txt", make_article_text(deck="p<0.05 for R&D at 2 < 3 sites."))

    out, _, _ = run(path, "--publish")

    assert [line for line in out.splitlines() if "warning" in line and "no date" not in line] == []
    assert Article.objects.get().is_published


# -- Importing again ----------------------------------------------------------


def test_reimport_after_the_headline_was_edited_updates_the_same_article(seed_file):
    run(seed_file)
    article = Article.objects.get()
    reference_ids = list(article.references.values_list("pk", flat=True))
    byline_ids = list(article.bylines.values_list("pk", flat=True))
    edit_headline(article, "Ruxolitinib Cream for Vitiligo: Europe Next")

    out, err, error = run(seed_file)

    assert error is None, err
    assert f'{seed_file}: updated "{SEED_HEADLINE}" (in review; 3 references).' in out
    assert Article.objects.count() == 1
    article.refresh_from_db()
    assert article.headline == SEED_HEADLINE  # the file's headline
    assert article.slug == SEED_SLUG
    assert list(article.references.values_list("pk", flat=True)) == reference_ids
    assert list(article.bylines.values_list("pk", flat=True)) == byline_ids
    assert counts() == {"Article": 1, "Reference": 3, "Byline": 1, "Author": 1}


def test_reimport_updates_references_in_place(tmp_path):
    first, second, third = make_article_text.__kwdefaults__["references"]
    path = write(tmp_path, "tralo.txt", make_article_text())
    run(path)
    kept = dict(Article.objects.get().references.values_list("number", "pk"))
    new = "Doe J. A fourth source. J Drugs Dermatol. 2024;23(1):1-5. doi:10.36849/JDD.1234"
    # Reference 2 is dropped, 3 becomes 2, and a new 3 arrives.
    write(tmp_path, "tralo.txt", make_article_text(references=(first, third, new)))

    out, _, _ = run(path)

    assert "updated" in out
    references = list(Article.objects.get().references.all())
    assert [reference.number for reference in references] == [1, 2, 3]
    assert [reference.pk for reference in references[:3]] == [kept[1], kept[2], kept[3]]
    assert references[1].citation == third
    assert references[1].url == "https://dermwire.example/tralo"
    assert references[2].citation == new
    assert references[2].doi == "10.36849/JDD.1234"
    assert not Reference.objects.filter(citation=second).exists()


def test_a_reference_no_longer_in_the_file_disappears_and_a_new_one_is_added(tmp_path):
    first, second, third = make_article_text.__kwdefaults__["references"]
    path = write(tmp_path, "tralo.txt", make_article_text(references=(first, second)))
    run(path)
    before = dict(Article.objects.get().references.values_list("number", "pk"))

    write(tmp_path, "tralo.txt", make_article_text(references=(first, second, third)))
    run(path)
    after = dict(Article.objects.get().references.values_list("number", "pk"))
    assert after[1] == before[1] and after[2] == before[2]
    assert set(after) == {1, 2, 3}

    write(tmp_path, "tralo.txt", make_article_text(references=(first,)))
    run(path)
    assert dict(Article.objects.get().references.values_list("number", "pk")) == {1: before[1]}
    assert Reference.objects.count() == 1


def test_reimport_keeps_state_dates_and_byline_unless_asked(seed_file):
    run(seed_file, "--publish", "--author", "Jane Doe, MD")
    article = Article.objects.get()
    published_at, first_published_at = article.published_at, article.first_published_at

    out, _, _ = run(seed_file, "--published-at", "2020-01-01T00:00")

    # Live: the import waits for review, and applying it is the import's own write.
    assert "waiting for review" in out
    assert "already published: its publication date was left as it is" in out
    pending = PendingImport.objects.get(article=article)
    apply_pending_import(article_id=article.pk, pending_id=pending.pk, by=None)
    article.refresh_from_db()
    assert article.is_published
    assert (article.published_at, article.first_published_at) == (published_at, first_published_at)
    assert [str(author) for author in article.authors.all()] == ["Jane Doe"]
    assert not Author.objects.filter(name="Editorial Staff").exists()


def test_reimport_with_authors_keeps_the_rows_of_authors_who_stay(seed_file):
    run(seed_file, "--author", "Jane Doe", "--author", "John Roe")
    jane_byline = Byline.objects.get(author__name="Jane Doe")

    run(seed_file, "--author", "Ann Poe", "--author", "Jane Doe")

    article = Article.objects.get()
    assert [b.author.name for b in article.bylines.select_related("author")] == [
        "Ann Poe",
        "Jane Doe",
    ]
    assert article.bylines.get(author__name="Jane Doe").pk == jane_byline.pk


def test_reimport_is_one_more_revision(seed_file):
    run(seed_file)
    run(seed_file)

    revisions = [v.revision for v in Version.objects.get_for_object(Article.objects.get())]
    assert len(revisions) == 2
    assert all(r.comment == "Imported from ruxolitinib-vitiligo.txt." for r in revisions)


def test_an_article_without_a_key_is_never_taken_over_by_an_import(seed_file):
    """Only the key says "imported from this file": an article with the same headline
    written by hand (or loaded before keys) is left alone, and the import waits
    beside it for an editor."""
    old = make_article(SEED_HEADLINE, source_key=None, body="By hand.")
    assert old.slug == SEED_SLUG

    out, _, _ = run(seed_file)

    assert "created" in out
    old.refresh_from_db()
    assert old.body == "By hand." and old.source_key is None
    new = Article.objects.exclude(pk=old.pk).get()
    assert new.source_key.startswith(HEADLINE_KEY_PREFIX)
    assert new.slug == f"{SEED_SLUG}-2" and new.status == Article.Status.REVIEW


def test_a_new_article_whose_slug_is_taken_gets_a_number(seed_file):
    other = make_article(SEED_HEADLINE, source_key="another-original")

    run(seed_file)

    article = Article.objects.exclude(pk=other.pk).get()
    assert article.slug == f"{SEED_SLUG}-2"
    assert other.references.count() == 0


def test_headline_key_ignores_case_punctuation_and_spacing(tmp_path):
    path = write(tmp_path, "a.txt", make_article_text("Tralokinumab Eases Atopic Dermatitis"))
    run(path)
    variant = write(tmp_path, "b.txt", make_article_text("TRALOKINUMAB eases   atopic-dermatitis!"))

    out, _, _ = run(variant, "--topic", "atopic-dermatitis")

    assert "updated" in out
    assert Article.objects.count() == 1


def test_source_id_identifies_the_original(tmp_path):
    path = write(tmp_path, "one.txt", make_article_text())
    url = "https://www.example.com/view/tralokinumab-adolescents"
    run(path, "--source-id", url, "--source-url", url)
    renamed = write(tmp_path, "two.txt", make_article_text("Tralokinumab Works in Teen Eczema"))

    out, err, error = run(renamed, "--source-id", url, "--topic", "eczema")

    assert error is None, err
    assert "updated" in out
    article = Article.objects.get()
    assert article.source_key == url
    assert article.source_url == url
    assert article.headline == "Tralokinumab Works in Teen Eczema"
    assert article.primary_topic == get_topic("eczema")


@pytest.mark.parametrize("option", ["--source-id", "--source-url"])
def test_source_options_take_one_file_only(seed_file, tmp_path, option):
    other = write(tmp_path, "other.txt", make_article_text())

    with pytest.raises(CommandError, match=f"{option} identifies one original"):
        call_command("import_articles", str(seed_file), str(other), option, "https://x.example/")

    assert Article.objects.count() == 0


def test_source_url_must_be_a_web_address(seed_file):
    with pytest.raises(CommandError, match="--source-url"):
        call_command("import_articles", str(seed_file), "--source-url", "javascript:alert(1)")
    assert Article.objects.count() == 0


# -- Options ------------------------------------------------------------------


def test_topics_and_authors_from_options(seed_file):
    make_author("Jane Doe", credentials="")

    run(
        seed_file,
        "--topic", "drug-watch",
        "--topic", "vitiligo",
        "--author", "Jane Doe, MD, FAAD",
        "--author", "John Roe, PA-C",
    )  # fmt: skip

    article = Article.objects.get()
    assert article.primary_topic == get_topic("drug-watch")
    assert list(article.topics.all()) == [get_topic("vitiligo")]
    assert [author.display_name for author in article.authors.order_by("bylines__order")] == [
        "Jane Doe, MD, FAAD",
        "John Roe, PA-C",
    ]


def test_topics_found_in_the_headline(tmp_path):
    path = write(tmp_path, "article.txt", make_article_text("Acne and Rosacea After COVID-19"))

    _, err, error = run(path)

    assert error is None, err
    article = Article.objects.get()
    assert article.primary_topic == get_topic("acne")
    assert set(article.topics.all()) == {get_topic("rosacea"), get_topic("covid-19")}


def test_synthetic_article_with_strict_ama_markers(tmp_path):
    path = write(tmp_path, "tralokinumab.txt", make_article_text())

    run(path)

    article = Article.objects.get()
    assert article.primary_topic == get_topic("atopic-dermatitis")
    assert article.source_photo_credit == "Jane Photographer/Adobe Stock"
    assert article.references.get(number=1).doi == "10.1001/jamadermatol.2023.0627"
    assert 'href="#ref-1"' in article.body_html
    assert "ECZTRA 6 trial.<sup" in article.body_html


def test_publish_and_status_options(seed_file):
    with pytest.raises(CommandError, match="unrecognized arguments: --status"):
        call_command("import_articles", str(seed_file), "--status", "published")


# -- Bad files ----------------------------------------------------------------


def test_no_topic_in_options_or_headline_is_refused(tmp_path):
    path = write(tmp_path, "no-topic.txt", make_article_text("A Headline Without Any Topic"))
    before = counts()

    _, err, error = run(path)

    assert error is not None
    assert f"{path}: no topic" in err
    assert "--topic" in err
    assert counts() == before


def test_crlf_and_bom_are_accepted(tmp_path):
    text = make_article_text().replace("\n", "\r\n")
    path = write(tmp_path, "windows.txt", "\ufeff".encode() + text.encode())

    _, err, error = run(path)

    assert error is None, err
    article = Article.objects.get()
    assert article.headline == TRALO_HEADLINE
    assert "\r" not in article.body
    assert article.references.count() == 3


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", "", "the file is empty"),
        ("blank.txt", "\n  \n", "the file is empty"),
        ("nav-only.txt", "  \u2022 Acne\n  \u2022 Rosacea\n", "no headline"),
        ("headline-only.txt", "Acne Headline\n\nJust a deck.\n", "no body text"),
        ("latin1.txt", "Acne Headline\n\nDeck caf\u00e9.\n\nBody.\n".encode("latin-1"), "UTF-8"),
        ("binary.txt", b"Acne Headline\n\nDeck.\n\nBody\x00\x01.\n", "NUL characters"),
    ],
)
def test_bad_file_is_reported_and_good_files_still_import(
    tmp_path, seed_file, name, content, reason
):
    bad = write(tmp_path, name, content)
    before = counts()

    out, err, error = run(bad, seed_file)

    assert error is not None
    assert "1 of 2 files could not be imported" in str(error)
    assert f"{bad}: " in err
    assert reason in err
    assert f'created "{SEED_HEADLINE}"' in out
    assert counts() == before | {"Article": 1, "Reference": 3, "Byline": 1, "Author": 1}


def test_bad_file_alone_leaves_the_database_unchanged(tmp_path):
    bad = write(tmp_path, "empty.txt", "")
    before = counts()

    _, err, error = run(bad)

    assert error is not None
    assert err.strip() == f"{bad}: the file is empty"
    assert counts() == before


def test_missing_file_and_directory(tmp_path, seed_file):
    missing = tmp_path / "missing.txt"
    directory = tmp_path / "folder"
    directory.mkdir()
    before = counts()

    out, err, error = run(missing, directory, seed_file)

    assert "2 of 3 files could not be imported" in str(error)
    assert f"{missing}: no such file" in err
    assert f"{directory}: is a directory" in err
    assert "(in review; 3 references)" in out
    assert counts()["Article"] == before["Article"] + 1


def test_unknown_topic_is_refused_before_anything_is_imported(seed_file):
    before = counts()

    with pytest.raises(CommandError) as raised:
        call_command("import_articles", str(seed_file), "--topic", "vitiligo", "--topic", "nope")

    message = str(raised.value)
    assert "Unknown topic slug: nope" in message
    assert "vitiligo" in message
    assert "atopic-dermatitis" in message
    assert counts() == before


@pytest.mark.parametrize("value", ["yesterday", "2024-13-45T09:00", "23/02/2024"])
def test_bad_published_at_is_refused(seed_file, value):
    before = counts()

    with pytest.raises(CommandError, match="--published-at"):
        call_command("import_articles", str(seed_file), "--published-at", value)

    assert counts() == before


def test_author_from_byline_splits_credentials():
    created = author_from_byline("Jane Doe, MD, FAAD")
    again = author_from_byline("Jane  Doe")
    updated = author_from_byline("Jane Doe, MD")

    assert created.pk == again.pk == updated.pk
    assert created.name == "Jane Doe"
    assert created.slug == "jane-doe"
    assert again.credentials == "MD, FAAD"  # not given: unchanged
    updated.refresh_from_db()
    assert updated.credentials == "MD"


def test_headline_without_letters_is_refused(tmp_path):
    path = write(tmp_path, "symbols.txt", make_article_text("???"))
    before = counts()

    _, err, error = run(path, "--topic", "acne")

    assert error is not None
    assert f"{path}: the headline has no letters or digits" in err
    assert counts() == before


def test_model_validation_errors_are_reported_per_file(tmp_path, seed_file):
    path = write(tmp_path, "long.txt", make_article_text("Acne " + "x" * 300))
    before = counts()

    out, err, error = run(path, seed_file, "--author", "Jane Doe")

    assert "1 of 2 files" in str(error)
    assert f"{path}: headline: Ensure this value has at most 300 characters" in err
    assert "(in review; 3 references)" in out
    assert counts()["Author"] == before["Author"] + 1  # only the good file's author


def test_author_without_a_name_is_refused(seed_file):
    with pytest.raises(CommandError, match="no name"):
        call_command("import_articles", str(seed_file), "--author", ", MD")
    assert Article.objects.count() == 0


# -- Two imports at once --------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("new_author", [False, True], ids=["known-author", "new-author"])
def test_two_imports_of_the_same_file_at_once_make_one_article(seed_file, new_author):
    """Both commands succeed: one creates the article, the other updates it. On
    PostgreSQL the second insert (of the article, or first of a new author) fails
    when the first commits and is retried as a lookup; on SQLite the second waits
    for the first (IMMEDIATE transactions)."""
    if not new_author:
        make_author("Concurrent Author", credentials="MD")
    barrier = threading.Barrier(2)
    results = [None, None]

    def import_once(index):
        try:
            barrier.wait(timeout=30)
            results[index] = run(seed_file, "--author", "Concurrent Author, MD")
        except Exception as error:  # reported, not swallowed: asserted below
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=import_once, args=(index,)) for index in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert all(isinstance(result, tuple) for result in results), results
    assert [error for _, _, error in results] == [None, None], results
    outputs = sorted(out.split(":", 1)[1].split('"')[0].strip() for out, _, _ in results)
    assert outputs == ["created", "updated"]
    article = Article.objects.get()
    assert sorted(article.references.values_list("number", flat=True)) == [1, 2, 3]
    assert Reference.objects.count() == 3
    assert Author.objects.filter(name="Concurrent Author").count() == 1
    assert Byline.objects.count() == 1
