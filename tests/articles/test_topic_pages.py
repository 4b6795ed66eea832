"""Topic index and topic pages, and the navigation built from the taxonomy."""

import pytest
from django.urls import reverse

from tests.builders import get_topic, make_article, make_draft, make_topic
from tests.pages import parse

pytestmark = pytest.mark.django_db


def test_topic_index_groups_topics_under_parents_with_published_counts(client):
    make_article("Vitiligo one")
    make_article("Vitiligo two", topics=[get_topic("melasma")])  # also filed under Melasma
    make_article("Melasma one", primary_topic=get_topic("melasma"))
    make_draft("Vitiligo draft")
    make_article("Vitiligo archived", status="archived")

    response = client.get(reverse("topics:index"))

    assert response.status_code == 200
    groups = {root.slug: (root, subtopics) for root, subtopics in response.context["groups"]}
    assert len(groups) == 17  # top-level topics of the initial taxonomy
    pigmentary, subtopics = groups["pigmentary-disorders"]
    assert [t.slug for t in subtopics] == ["vitiligo", "melasma"]
    counts = {t.slug: t.article_count for t in subtopics}
    assert counts == {"vitiligo": 2, "melasma": 2}
    assert pigmentary.article_count == 3  # distinct articles under the whole branch
    assert groups["acne"][0].article_count == 0
    # What a reader sees: each topic's link with its count beside it.
    index = parse(response).find(cls="topic-index")
    group = index.find("section", **{"aria-labelledby": "group-pigmentary-disorders"})
    assert group.find("h2").text == "Pigmentary Disorders 3 articles"
    assert group.find("h2").links() == [("/topics/pigmentary-disorders/", "Pigmentary Disorders")]
    # Each topic's own link first, then its newest article (tests/topics/test_topic_index.py).
    assert [(li.links()[0], li.find(cls="count").text) for li in group.find_all("li")] == [
        (("/topics/vitiligo/", "Vitiligo"), "2 articles"),
        (("/topics/melasma/", "Melasma"), "2 articles"),
    ]
    acne = index.find("section", **{"aria-labelledby": "group-acne"})
    assert acne.find(cls="count").text == "0 articles"


def test_topic_index_leaves_the_shared_topic_tree_unchanged(client):
    make_article("Vitiligo one")

    response = client.get(reverse("topics:index"))

    # Counts and depths are on the index's own entries; the tree the navigation (and
    # any other view in this request) uses keeps plain Topic objects.
    tree = response.context["topic_tree"]
    entries = [
        entry for root, subtopics in response.context["groups"] for entry in [root, *subtopics]
    ]
    assert len(entries) == len(tree) == 24
    assert all(entry.topic is tree.by_id[entry.pk] for entry in entries)
    assert all(hasattr(entry, "article_count") for entry in entries)
    for topic in tree:
        assert not hasattr(topic, "article_count"), topic.slug
        assert not hasattr(topic, "depth"), topic.slug


def test_topic_page_lists_articles_of_the_topic_and_its_subtopics_newest_first(client):
    from datetime import timedelta

    from tests.builders import now

    parent = get_topic("pigmentary-disorders")
    old = make_article("Old vitiligo", published_at=now() - timedelta(days=3))
    new = make_article("New melasma", primary_topic=get_topic("melasma"))
    secondary = make_article(
        "Acne story also on pigmentation",
        primary_topic=get_topic("acne"),
        topics=[parent],
        published_at=now() - timedelta(days=2),
    )
    make_article("Unrelated", primary_topic=get_topic("rosacea"))

    response = client.get(parent.get_absolute_url())

    assert response.status_code == 200
    assert list(response.context["articles"]) == [new, secondary, old]
    html = response.content.decode()
    assert "<h1>Pigmentary Disorders</h1>" in html
    assert parent.description in html
    assert '<a href="/topics/melasma/">Melasma</a>' in html  # subtopic link


def test_topic_page_paginates(client, settings):
    settings.ARTICLES_PER_PAGE = 3
    for n in range(7):
        make_article(f"Story {n}")
    url = reverse("topics:detail", args=["vitiligo"])
    pages = [client.get(url + f"?page={n}") for n in (1, 2, 3)]
    assert [len(p.context["articles"]) for p in pages] == [3, 3, 1]
    assert b"Page 1 of 3" in pages[0].content
    assert client.get(url + "?page=4").status_code == 404
    assert client.get(url + "?page=abc").status_code == 404


def test_unknown_topic_is_404(client):
    assert client.get("/topics/dermatopathology/").status_code == 404


def topic_bar(response):
    """{link text: href} of the header's one-line bar of top-level topics."""
    nav = parse(response).find("nav", **{"aria-label": "Topics"})
    return {text: href for href, text in nav.find("ul", cls="topic-nav__list").links()}


def test_navigation_is_built_from_the_taxonomy_in_the_database(client):
    assert topic_bar(client.get(reverse("home")))["Psoriasis"] == "/topics/psoriasis/"

    psoriasis = get_topic("psoriasis")
    psoriasis.name = "Psoriasis and Psoriatic Disease"
    psoriasis.save()
    make_topic("Hyperhidrosis", slug="hyperhidrosis", order=1)

    bar = topic_bar(client.get(reverse("topics:index")))
    assert bar["Psoriasis and Psoriatic Disease"] == "/topics/psoriasis/"
    assert bar["Hyperhidrosis"] == "/topics/hyperhidrosis/"
    # Order from the database: featured sections first, then the others by their
    # order; the new topic has the lowest order, so it leads the others.
    names = list(bar)
    assert names.index("Hyperhidrosis") < names.index("General Dermatology")
    assert names.index("Drug Watch") < names.index("Hyperhidrosis")  # featured
    # Subtopics are reached through their parents, not the top bar.
    assert "/topics/vitiligo/" not in bar.values()


def test_navigation_marks_the_section_being_read(client):
    article = make_article("Vitiligo story")
    for url in (get_topic("vitiligo").get_absolute_url(), article.get_absolute_url()):
        html = client.get(url).content.decode()
        assert '<a href="/topics/pigmentary-disorders/" aria-current="page">' in html


def test_a_long_topic_counts_its_pages_only_a_few_ahead(client, settings, monkeypatch):
    # Counting a busy topic to its end read every article of it on every request.
    monkeypatch.setattr("portal.pagination.PAGES_AHEAD", 1)
    settings.ARTICLES_PER_PAGE = 1
    for n in range(5):
        make_article(f"Story {n}")
    url = reverse("topics:detail", args=["vitiligo"])

    def pagination(page):
        nav = parse(client.get(f"{url}?page={page}")).find("nav", cls="pagination")
        return nav.find("span", cls="pagination__current").text, [text for _, text in nav.links()]

    assert pagination(1) == ("Page 1 of many", ["Older"])
    assert pagination(2) == ("Page 2 of many", ["Newer", "Older"])
    # Near the end the count reaches it.
    assert pagination(4) == ("Page 4 of 5", ["Newer", "Older"])
    assert pagination(5) == ("Page 5 of 5", ["Newer"])
    assert client.get(f"{url}?page=6").status_code == 404
