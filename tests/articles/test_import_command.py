"""manage.py import_articles: files in, articles out, bad files refused one by one."""

import shutil
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article, Author, Byline, Reference
from articles.services import author_from_byline
from tests.builders import SEED_PATH, get_topic, make_article_text, make_author

pytestmark = pytest.mark.django_db

SEED_HEADLINE = "Researchers Optimistic About Ruxolitinib Cream as Non-Segmental Vitiligo Treatment"


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


def test_imports_the_seed(seed_file):
    out, err, error = run(seed_file)

    assert error is None, err
    assert out.strip() == f'Imported "{SEED_HEADLINE}" (created; 3 references).'
    article = Article.objects.get()
    assert article.headline == SEED_HEADLINE
    assert article.slug == (
        "researchers-optimistic-about-ruxolitinib-cream-as-non-segmental-vitiligo-treatment"
    )
    assert article.deck.startswith("Following 2 phase 3 trials")
    assert article.image_credit == "Peakstock/Adobe Stock"
    assert article.status == Article.Status.PUBLISHED
    assert article.is_published
    assert article.primary_topic == get_topic("vitiligo")
    assert list(article.topics.all()) == []
    assert [str(author) for author in article.authors.all()] == ["Editorial Staff"]


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
    assert "F-VSI/F-VSI75" in html
    assert "F-VSI75 improvement" in html
    for chrome in ["Photo:", "Peakstock", "Related Videos", "MJH Life Sciences", "reserved"]:
        assert chrome not in article.body
    for topic in ["General Dermatology", "Practice Management", "\u2022"]:
        assert topic not in article.body
    assert "Rosmarin" not in article.body  # references are not body text
    assert article.body.startswith("Global pharmaceutical company Incyte")


def test_importing_twice_updates_the_same_article(seed_file):
    run(seed_file)
    first = Article.objects.get()

    out, _, error = run(seed_file)

    assert error is None
    assert "(updated; 3 references)" in out
    assert Article.objects.get().pk == first.pk
    assert Reference.objects.count() == 3
    assert Byline.objects.count() == 1
    assert Author.objects.count() == 1


def test_reimport_keeps_status_and_date_unless_given(seed_file):
    run(seed_file)
    Article.objects.update(
        status=Article.Status.DRAFT,
        published_at=datetime(2024, 2, 23, 9, 0, tzinfo=ZoneInfo("UTC")),
    )

    run(seed_file)

    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.published_at == datetime(2024, 2, 23, 9, 0, tzinfo=ZoneInfo("UTC"))


def test_status_and_published_at_are_honoured(seed_file, settings):
    settings.TIME_ZONE = "America/New_York"

    run(seed_file, "--status", "draft", "--published-at", "2024-02-23T09:30")

    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.published_at == datetime(2024, 2, 23, 14, 30, tzinfo=ZoneInfo("UTC"))


def test_published_at_with_offset_and_status_published(seed_file):
    run(seed_file, "--status", "published", "--published-at", "2030-01-01T08:00+01:00")

    article = Article.objects.get()
    assert article.published_at == datetime(2030, 1, 1, 7, 0, tzinfo=ZoneInfo("UTC"))
    assert not Article.objects.published().exists()  # scheduled


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
    assert article.image_credit == "Jane Photographer/Adobe Stock"
    assert article.references.get(number=1).doi == "10.1001/jamadermatol.2023.0627"
    assert 'href="#ref-1"' in article.body_html
    assert "ECZTRA 6 trial.<sup" in article.body_html


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
    assert article.headline == "Tralokinumab Eases Atopic Dermatitis in Adolescents"
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
    assert f'Imported "{SEED_HEADLINE}"' in out
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
    assert "(created; 3 references)" in out
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


def test_status_must_be_draft_or_published(seed_file):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("import_articles", str(seed_file), "--status", "archived")


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


def test_published_at_default_is_now_for_a_new_article(seed_file):
    before = timezone.now()

    run(seed_file)

    assert before <= Article.objects.get().published_at <= timezone.now()


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

    out, err, error = run(path, seed_file)

    assert "1 of 2 files" in str(error)
    assert f"{path}: headline: Ensure this value has at most 300 characters" in err
    assert "(created; 3 references)" in out
    assert counts()["Author"] == before["Author"] + 1  # only the good file's author


def test_author_without_a_name_is_refused(seed_file):
    with pytest.raises(CommandError, match="no name"):
        call_command("import_articles", str(seed_file), "--author", ", MD")
    assert Article.objects.count() == 0
