"""manage.py generate_archive: a synthetic archive in bulk, marked, and removable."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse

from articles.markup import render_body
from articles.models import Article, Author, Byline, Reference, Tag, TaggedArticle
from demo import synthetic
from tests.builders import make_article, make_author
from tests.drugs.builders import make_drug
from tests.pages import parse
from tests.search.conftest import on_postgresql
from topics.models import Topic

pytestmark = pytest.mark.django_db

N = 300
# A fixed end keeps dates (and so the whole archive) equal from run to run.
END = datetime(2026, 1, 15, 18, 0, tzinfo=UTC)


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def generate(*args, n=N, seed=7):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "generate_archive",
        "--articles",
        str(n),
        "--seed",
        str(seed),
        "--end",
        END.isoformat(),
        "--batch-size",
        "128",
        *args,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def remove(*args):
    out = io.StringIO()
    call_command("generate_archive", "--remove", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Everything generated, in a comparable form (no database ids)."""
    articles = Article.objects.filter(source_key__startswith="synthetic:").order_by("source_key")
    return [
        (
            a.source_key,
            a.headline,
            a.slug,
            a.deck,
            a.body,
            a.status,
            a.published_at,
            a.primary_topic.slug,
            a.article_type,
            [(r.number, r.title, r.doi, r.url) for r in a.references.all()],
            sorted(t.slug for t in a.tags.all()),
            [b.author.slug for b in a.bylines.all()],
            sorted(t.slug for t in a.topics.all()),
        )
        for a in articles.select_related("primary_topic").prefetch_related(
            "references", "tags", "bylines__author", "topics"
        )
    ]


def test_generates_articles_with_their_rows(debug_on):
    out, err = generate()

    articles = synthetic.synthetic_articles()
    assert articles.count() == N
    references = Reference.objects.filter(article__in=articles)
    bylines = Byline.objects.filter(article__in=articles)
    tagged = TaggedArticle.objects.filter(content_object__in=articles)
    assert f"Added {N:,} synthetic articles with {references.count():,} references" in out
    # 0-15 references each, 1-3 authors, 2-6 tags: on average well inside those.
    assert 3 * N < references.count() < 12 * N
    assert N <= bylines.count() <= 3 * N
    assert 2 * N <= tagged.count() <= 6 * N
    per_article = articles.annotate(n=Count("references")).values_list("n", flat=True)
    assert max(per_article) <= 15 and min(per_article) == 0
    assert articles.filter(topics__isnull=False).distinct().count() > N // 5
    # Every topic gets articles, and every article's source key and slug are its own.
    assert set(articles.values_list("primary_topic", flat=True)) == set(
        Topic.objects.values_list("pk", flat=True)
    )
    assert len(set(articles.values_list("slug", flat=True))) == N
    # The progress bar went to stderr and finished.
    assert f"{N:,}/{N:,} articles  100%  done in" in err


def test_states_and_dates_spread_over_years(debug_on):
    generate()
    articles = synthetic.synthetic_articles()

    published = articles.filter(status=Article.Status.PUBLISHED, published_at__lte=END)
    years = {moment.year for moment in published.values_list("published_at", flat=True)}
    assert len(years) >= 5
    assert published.count() > 0.8 * N
    assert articles.filter(status=Article.Status.DRAFT, published_at__isnull=True).exists()
    assert articles.filter(status=Article.Status.PUBLISHED, published_at__gt=END).exists()
    # The dates a publication through the services would set.
    for article in articles.filter(status=Article.Status.PUBLISHED):
        assert article.first_published_at == article.published_at
    assert not articles.filter(status=Article.Status.DRAFT, first_published_at__isnull=False)


def test_generated_articles_are_valid(debug_on):
    generate()

    for article in synthetic.synthetic_articles().order_by("pk")[:40]:
        article.full_clean()
        # The HTML written in bulk is exactly what saving the article would render.
        assert article.body_html == render_body(article.body)
        cited = article.cited_numbers
        numbers = set(article.references.values_list("number", flat=True))
        assert cited == numbers
        for reference in article.references.all():
            reference.full_clean()
        for author in article.authors.all():
            author.full_clean()


def test_generated_content_is_marked_synthetic(debug_on):
    generate(n=20)
    for article in synthetic.synthetic_articles():
        assert article.deck.startswith("Synthetic article for load testing.")
        assert article.source_name == synthetic.SOURCE_NAME
        assert all(a.name.endswith("(synthetic)") for a in article.authors.all())
        assert all(t.slug.startswith("synthetic-") for t in article.tags.all())


def test_pages_show_generated_articles(client, debug_on, settings):
    generate()
    settings.DEBUG = False  # pages as readers get them
    published = Article.objects.published().filter(source_key__startswith="synthetic:")
    assert published.count() > 0.8 * N
    newest = published.newest_first().select_related("primary_topic").first()
    with_references = published.filter(references__number=3).first()

    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert newest.headline in [link.text for link in parse(home).find_all("a")]

    topic = client.get(newest.primary_topic.get_absolute_url())
    assert topic.status_code == 200
    assert newest.headline in [link.text for link in parse(topic).find_all("a")]

    page = client.get(with_references.get_absolute_url())
    assert page.status_code == 200
    main = parse(page).find("main")
    assert main.find("h1").text == with_references.headline
    assert "Synthetic article for load testing." in main.text
    # The citation markers link to the numbered references shown on the page.
    assert ("#ref-3", "3") in main.links()
    assert main.find(id="ref-3") is not None


def test_seed_makes_the_same_archive(debug_on):
    generate(n=60, seed=3)
    first = snapshot()
    remove()
    generate(n=60, seed=3)
    assert snapshot() == first

    remove()
    generate(n=60, seed=4)
    assert [row[1] for row in snapshot()] != [row[1] for row in first]


def test_running_again_adds_articles_with_new_numbers(debug_on):
    generate(n=50)
    generate(n=30)
    keys = set(synthetic.synthetic_articles().values_list("source_key", flat=True))
    assert keys == {f"synthetic:{n}" for n in range(1, 81)}
    # The pools of authors and tags are shared, not duplicated.
    assert Author.objects.filter(slug__startswith="synthetic-").count() == 128


def test_remove_deletes_only_synthetic_content(debug_on):
    real_author = make_author("Real Writer")
    real = make_article("A Real Article", authors=[real_author], references=2, tags=["psoriasis"])
    generate(n=80)
    # An editor reused a synthetic tag on a real article: the tag must stay.
    shared_tag = Tag.objects.filter(slug__startswith="synthetic-").order_by("slug").first()
    real.tags.add(shared_tag)
    # A drug page lists a synthetic article and the real one.
    drug = make_drug(articles=[real, synthetic.synthetic_articles().first()])

    out = remove()

    assert "Removed" in out and "80 articles" in out
    assert not synthetic.synthetic_articles().exists()
    assert list(Article.objects.all()) == [real]
    assert Reference.objects.filter(article=real).count() == 2
    assert set(Reference.objects.values_list("article", flat=True)) == {real.pk}
    assert list(Byline.objects.values_list("author__name", flat=True)) == ["Real Writer"]
    assert set(real.tags.values_list("name", flat=True)) == {"psoriasis", shared_tag.name}
    assert list(Tag.objects.filter(slug__startswith="synthetic-")) == [shared_tag]
    assert not Author.objects.filter(slug__startswith="synthetic-").exists()
    assert not Article.topics.through.objects.exclude(article=real).exists()
    assert list(drug.articles.all()) == [real]
    assert "nothing" in remove()


def test_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="load-testing tool.*--force"):
        generate(n=5)
    with pytest.raises(CommandError, match="--force"):
        remove()
    assert not synthetic.synthetic_articles().exists()

    generate("--force", n=5)
    assert synthetic.synthetic_articles().count() == 5
    remove("--force")
    assert not synthetic.synthetic_articles().exists()


def test_refuses_without_a_number(debug_on):
    with pytest.raises(CommandError, match="--articles N"):
        call_command("generate_archive")


def test_progress_line_shows_the_time_left():
    assert (
        synthetic.Progress.line(34_000, 100_000, 37.1)
        == "  34,000/100,000 articles  34%  eta 1m12s"
    )
    assert synthetic.Progress.line(10, 10, 3725) == "  10/10 articles  100%  done in 1h02m"


@on_postgresql
def test_search_vectors_are_filled_on_postgresql(debug_on):
    generate(n=40)
    articles = synthetic.synthetic_articles()
    assert not articles.filter(search_vector__isnull=True).exists()
    article = articles.filter(status=Article.Status.PUBLISHED).first()
    word = article.headline.split()[0]
    assert articles.filter(search_vector=word, pk=article.pk).exists()


def test_no_article_left_out_of_published_by_its_dates(debug_on):
    """Published articles up to now are visible; scheduled ones are not yet."""
    out = io.StringIO()
    call_command("generate_archive", "--articles", "100", "--seed", "1", stdout=out, stderr=out)
    now_plus = datetime.now(UTC) + timedelta(seconds=1)
    articles = synthetic.synthetic_articles()
    live = articles.filter(status=Article.Status.PUBLISHED, published_at__lte=now_plus)
    assert set(Article.objects.published().filter(pk__in=articles)) == set(live)
