"""Every reader page runs a fixed number of queries, whatever it shows.

Each page is measured small and then large (more articles, authors, tags,
references, featured topics); the large one may not need more queries.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Correction
from drugs.models import Drug
from newsroom.models import SiteSettings
from tests.builders import get_topic, make_article, make_author, make_reference
from tests.drugs.builders import FDA_APPROVAL, make_drug
from tests.images.builders import make_image
from topics.models import Topic

pytestmark = pytest.mark.django_db

# Upper bounds per page, asserted below; the growth check is the real guard.
MAX_QUERIES = {
    "home": 9,
    "topic_index": 4,
    "topic_detail": 6,
    # One query each for the evidence table, the tags' drug links (shared by the
    # tags and the key facts), related reading and "Latest in <topic>" (headline
    # lists without bylines, so no prefetch query for either).
    "article": 12,
    "author": 7,
    "tag": 7,
}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def populate(n, tag="jak-inhibitors"):
    author = make_author()
    Topic.objects.filter(slug__in=["acne", "rosacea", "melasma"]).update(featured=n > 12)
    for index in range(n):
        topic = get_topic(["vitiligo", "psoriasis", "acne", "rosacea", "melasma"][index % 5])
        article = make_article(
            authors=[author, make_author()],
            primary_topic=topic,
            topics=[get_topic("drug-watch"), get_topic("eczema")],
            tags=[tag, f"extra-{index}"],
        )
        for number in range(1, 2 + index % 3):
            make_reference(article, number=number)
    return author


def list_page_query_counts(client, author):
    urls = {
        "home": reverse("home"),
        "topic_index": reverse("topics:index"),
        "topic_detail": reverse("topics:detail", args=["drug-watch"]),
        "author": author.get_absolute_url(),
        "tag": reverse("articles:tag", args=["jak-inhibitors"]),
    }
    return {page: count_queries(client, url) for page, url in urls.items()}


def test_home_topic_and_list_pages_do_not_grow_with_content(client):
    SiteSettings.load()
    # Enough for every part of the home page (lead, latest, sections) to show some.
    small = list_page_query_counts(client, populate(12))
    large = list_page_query_counts(client, populate(30))
    assert large == small
    for page, count in large.items():
        assert count <= MAX_QUERIES[page], (page, count)


def add_notes(article, pairs):
    """A correction and an update note per pair: the page lists them at the foot and
    shows "Corrected" and "Updated" near the byline."""
    for index in range(pairs):
        for kind in Correction.Kind.values:
            Correction.objects.create(article=article, kind=kind, note=f"{kind} {index}.")


def test_article_page_does_not_grow_with_references_authors_tags_or_topics(
    client, django_assert_max_num_queries
):
    SiteSettings.load()
    # One of everything, so the comparison is about how many, not whether.
    small = make_article("Small article", references=1, tags=["one"], topics=[get_topic("eczema")])
    add_notes(small, 1)
    make_article(primary_topic=small.primary_topic)
    small_count = count_queries(client, small.get_absolute_url())

    big = make_article(
        "Big article",
        authors=[make_author() for _ in range(4)],
        references=12,
        tags=[f"tag-{n}" for n in range(8)],
        topics=[get_topic(slug) for slug in ("eczema", "acne", "rosacea", "drug-watch")],
        body=" ".join(f"Claim[{n}]." for n in range(1, 13)),
    )
    add_notes(big, 5)
    for _ in range(6):
        make_article(primary_topic=big.primary_topic)

    with django_assert_max_num_queries(MAX_QUERIES["article"]):
        response = client.get(big.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["article"].corrections.all()) == 10
    assert count_queries(client, big.get_absolute_url()) == small_count


# Every reader page, feed and sitemap, with the same ceiling at both sizes.
READER_MAX_QUERIES = {
    "home": 9,
    "topic_index": 4,
    "topic_detail": 6,
    "topic_page_2": 6,
    "topic_feed": 7,
    "topic_feed_atom": 7,
    "article": 12,
    "author": 6,
    "author_index": 3,
    "author_feed": 7,
    "tag": 6,
    "tag_index": 4,
    "tag_feed": 7,
    "search": 5,
    "drug_index": 3,
    "drug": 7,
    "drug_feed": 7,
    "drug_feed_atom": 7,
    "gallery": 4,
    "policy_page": 3,
    "latest_feed": 6,
    "latest_feed_atom": 6,
    "sitemap_index": 11,
    "sitemap_articles": 3,
    "sitemap_topics": 2,
    "sitemap_tags": 2,
    "sitemap_authors": 2,
    "sitemap_drugs": 2,
    "sitemap_news": 2,
}


def populate_everything(n):
    """n published articles spread over topics, each with two authors, several
    tags, two further topics, references, a drug and a clinical lead photograph on
    every third; returns what the URLs need."""
    author = populate(n)
    # The home page's sections show at both sizes.
    Topic.objects.filter(slug__in=["acne", "rosacea"]).update(featured=True)
    drug = Drug.objects.filter(slug="ruxolitinib").first() or make_drug(
        "ruxolitinib", slug="ruxolitinib", milestones=[FDA_APPROVAL]
    )
    for index in range(n):
        image = None
        if index % 3 == 0:
            image = make_image(32, 16, kind="clinical", skin_type="IV", consent_on_file=True)
        article = make_article(
            authors=[author, make_author()],
            primary_topic=get_topic("vitiligo"),
            topics=[get_topic("psoriasis")],
            tags=["jak-inhibitors", "ruxolitinib", f"more-{n}-{index}"],
            lead_image=image,
            references=2,
        )
        add_notes(article, 1)
        drug.articles.add(article)
    return author, drug, article


def reader_urls(author, drug, article):
    return {
        "home": reverse("home"),
        "topic_index": reverse("topics:index"),
        "topic_detail": reverse("topics:detail", args=["pigmentary-disorders"]),
        "topic_page_2": reverse("topics:detail", args=["pigmentary-disorders"]) + "?page=2",
        "topic_feed": reverse("feeds:topic", args=["pigmentary-disorders"]),
        "topic_feed_atom": reverse("feeds:topic_atom", args=["pigmentary-disorders"]),
        "article": article.get_absolute_url(),
        "author": author.get_absolute_url(),
        "author_index": reverse("articles:authors"),
        "author_feed": reverse("feeds:author", args=[author.slug]),
        "tag": reverse("articles:tag", args=["jak-inhibitors"]),
        "tag_index": reverse("articles:tags"),
        "tag_feed": reverse("feeds:tag", args=["jak-inhibitors"]),
        "search": reverse("search:results") + "?q=paragraph",
        "drug_index": reverse("drugs:index"),
        "drug": drug.get_absolute_url(),
        "drug_feed": reverse("feeds:drug", args=[drug.slug]),
        "drug_feed_atom": reverse("feeds:drug_atom", args=[drug.slug]),
        "gallery": reverse("images:gallery", args=["pigmentary-disorders"]),
        "policy_page": reverse("pages:about"),
        "latest_feed": reverse("feeds:latest"),
        "latest_feed_atom": reverse("feeds:latest_atom"),
        "sitemap_index": reverse("sitemap"),
        "sitemap_articles": reverse("sitemap-section", args=["articles"]),
        "sitemap_topics": reverse("sitemap-section", args=["topics"]),
        "sitemap_tags": reverse("sitemap-section", args=["tags"]),
        "sitemap_authors": reverse("sitemap-section", args=["authors"]),
        "sitemap_drugs": reverse("sitemap-section", args=["drugs"]),
        "sitemap_news": reverse("sitemap-news"),
    }


def test_every_reader_page_feed_and_sitemap_runs_the_same_queries_small_and_large(client, settings):
    # Two pages of a topic at the larger size; the small one has a second page too.
    settings.ARTICLES_PER_PAGE = 2
    SiteSettings.load()
    urls = reader_urls(*populate_everything(5))
    small = {page: count_queries(client, url) for page, url in urls.items()}
    urls = reader_urls(*populate_everything(30))
    large = {page: count_queries(client, url) for page, url in urls.items()}
    assert large == small
    for page, count in large.items():
        assert count <= READER_MAX_QUERIES[page], (page, count)


def test_site_settings_are_read_not_written_on_a_get(client):
    # A fresh site has no settings row: readers see the defaults, and no GET adds it.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("feeds:latest"))
    assert response.status_code == 200
    assert not SiteSettings.objects.exists()
    assert not [q for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert SiteSettings.load().site_name == "Dermatology News"
    assert SiteSettings.load().pk == 1
