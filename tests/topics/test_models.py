"""The taxonomy: the seed's 24 topics, the in-memory tree, and cycle protection."""

import signal

import pytest
from django.core.exceptions import ValidationError

from tests.builders import get_topic, make_topic
from topics.models import Topic
from topics.taxonomy import ensure_initial_topics
from topics.tree import TopicEntry

pytestmark = pytest.mark.django_db

# The seed site's navigation, in its order.
SEED_ORDER = [
    "General Dermatology",
    "Eczema",
    "Alopecia",
    "Aesthetics",
    "Vitiligo",
    "COVID-19",
    "Actinic Keratosis",
    "Precision Medicine and Biologics",
    "Rare Disease",
    "Wound Care",
    "Rosacea",
    "Psoriasis",
    "Psoriatic Arthritis",
    "Atopic Dermatitis",
    "Melasma",
    "NP and PA",
    "Anti-Aging",
    "Skin Cancer",
    "Hidradenitis Suppurativa",
    "Drug Watch",
    "Pigmentary Disorders",
    "Acne",
    "Pediatric Dermatology",
    "Practice Management",
]

PARENTS = {
    "vitiligo": "pigmentary-disorders",
    "melasma": "pigmentary-disorders",
    "atopic-dermatitis": "eczema",
    "psoriatic-arthritis": "psoriasis",
    "covid-19": "general-dermatology",
    "actinic-keratosis": "skin-cancer",
    "anti-aging": "aesthetics",
}


def test_initial_topics_exist_in_the_seed_order():
    assert [topic.name for topic in Topic.objects.all()] == SEED_ORDER


def test_initial_topics_have_the_intended_parents():
    parents = {topic.slug: topic.parent.slug for topic in Topic.objects.exclude(parent=None)}

    assert parents == PARENTS


def test_initial_topics_have_slugs_descriptions_and_featured_sections():
    topics = list(Topic.objects.all())

    assert all(topic.description for topic in topics)
    assert get_topic("covid-19").name == "COVID-19"
    assert get_topic("np-and-pa").name == "NP and PA"
    featured = {topic.slug for topic in topics if topic.featured}
    assert featured == {"vitiligo", "psoriasis", "atopic-dermatitis", "skin-cancer", "drug-watch"}


def test_get_absolute_url():
    assert get_topic("atopic-dermatitis").get_absolute_url() == "/topics/atopic-dermatitis/"


# Topic.objects.tree()


def test_tree_is_one_query_and_navigates_without_more(django_assert_num_queries):
    with django_assert_num_queries(1):
        tree = Topic.objects.tree()
        by_slug = {topic.slug: topic for topic in tree}
        vitiligo = by_slug["vitiligo"]
        tree.ancestors(vitiligo)
        tree.children(by_slug["pigmentary-disorders"])
        tree.descendant_ids(by_slug["pigmentary-disorders"])
        tree.grouped()

    assert len(tree) == 24


def test_tree_ancestors():
    tree = Topic.objects.tree()
    by_slug = {topic.slug: topic for topic in tree}

    assert [t.slug for t in tree.ancestors(by_slug["vitiligo"])] == ["pigmentary-disorders"]
    assert [t.slug for t in tree.ancestors(by_slug["atopic-dermatitis"])] == ["eczema"]
    assert tree.ancestors(by_slug["pigmentary-disorders"]) == []


def test_tree_descendants_and_children():
    tree = Topic.objects.tree()
    by_slug = {topic.slug: topic for topic in tree}
    pigmentary = by_slug["pigmentary-disorders"]

    assert [t.slug for t in tree.children(pigmentary)] == ["vitiligo", "melasma"]
    assert set(tree.descendant_ids(pigmentary)) == {
        pigmentary.pk,
        by_slug["vitiligo"].pk,
        by_slug["melasma"].pk,
    }
    assert tree.descendant_ids(by_slug["acne"]) == [by_slug["acne"].pk]
    assert tree.children(by_slug["acne"]) == []


def test_tree_roots_in_order():
    subtopic_names = {get_topic(slug).name for slug in PARENTS}

    roots = [topic.name for topic in Topic.objects.tree().roots]

    assert roots == [name for name in SEED_ORDER if name not in subtopic_names]


def test_tree_grouped():
    tree = Topic.objects.tree()
    groups = {root.slug: subtopics for root, subtopics in tree.grouped()}

    assert len(groups) == 24 - len(PARENTS)
    assert [t.slug for t in groups["pigmentary-disorders"]] == ["vitiligo", "melasma"]
    assert [t.slug for t in groups["eczema"]] == ["atopic-dermatitis"]
    assert [t.slug for t in groups["psoriasis"]] == ["psoriatic-arthritis"]
    assert groups["acne"] == []
    assert {t.depth for t in groups["pigmentary-disorders"]} == {1}


def test_tree_grouped_wraps_the_trees_topics_without_changing_them():
    tree = Topic.objects.tree()

    grouped = tree.grouped()

    for root, subtopics in grouped:
        assert isinstance(root, TopicEntry)
        assert root.depth == 0
        for entry in [root, *subtopics]:
            assert isinstance(entry, TopicEntry)
            # The entry wraps the tree's own Topic, and reads its fields through.
            assert entry.topic is tree.by_id[entry.pk]
            assert (entry.name, entry.slug) == (entry.topic.name, entry.topic.slug)
    # The depth lives on the entry: the shared Topic objects are left as they were.
    assert not any(hasattr(topic, "depth") for topic in tree)
    assert not any(hasattr(topic, "article_count") for topic in tree)


def test_tree_handles_a_third_level():
    make_topic("Segmental Vitiligo", parent=get_topic("vitiligo"))
    tree = Topic.objects.tree()
    by_slug = {topic.slug: topic for topic in tree}
    segmental = by_slug["segmental-vitiligo"]

    assert [t.slug for t in tree.ancestors(segmental)] == ["pigmentary-disorders", "vitiligo"]
    assert segmental.pk in tree.descendant_ids(by_slug["pigmentary-disorders"])
    groups = {root.slug: subtopics for root, subtopics in tree.grouped()}
    assert [(t.slug, t.depth) for t in groups["pigmentary-disorders"]] == [
        ("vitiligo", 1),
        ("segmental-vitiligo", 2),
        ("melasma", 1),
    ]
    assert not hasattr(segmental, "depth")


# Topic.clean


def test_clean_rejects_the_topic_as_its_own_parent():
    vitiligo = get_topic("vitiligo")
    vitiligo.parent = vitiligo

    with pytest.raises(ValidationError) as error:
        vitiligo.clean()

    assert "parent" in error.value.message_dict


def test_clean_rejects_a_child_as_parent():
    pigmentary = get_topic("pigmentary-disorders")
    pigmentary.parent = get_topic("vitiligo")

    with pytest.raises(ValidationError) as error:
        pigmentary.full_clean()

    assert "parent" in error.value.message_dict


def test_clean_rejects_a_grandchild_as_parent():
    segmental = make_topic("Segmental Vitiligo", parent=get_topic("vitiligo"))
    pigmentary = get_topic("pigmentary-disorders")
    pigmentary.parent = segmental

    with pytest.raises(ValidationError):
        pigmentary.full_clean()


def test_clean_accepts_a_valid_parent():
    rosacea = get_topic("rosacea")
    rosacea.parent = get_topic("general-dermatology")
    rosacea.full_clean()

    new = Topic(name="Lichen Planus", slug="lichen-planus", parent=get_topic("general-dermatology"))
    new.full_clean()


def test_clean_ends_when_the_data_already_holds_a_loop():
    first = make_topic("Lichen Planus")
    second = make_topic("Lichen Sclerosus", parent=first)
    Topic.objects.filter(pk=first.pk).update(parent=second)  # e.g. from an old bug
    newcomer = Topic(
        name="Lichen Nitidus", slug="lichen-nitidus", parent=Topic.objects.get(pk=first.pk)
    )

    def hang(signum, frame):
        raise AssertionError("Topic.clean() kept walking round the loop")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(5)
    try:
        newcomer.full_clean()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# ensure_initial_topics, run by the migration and by load_demo


def test_ensure_initial_topics_is_idempotent():
    before = list(Topic.objects.values_list("pk", "name", "slug", "parent_id", "order", "featured"))

    assert ensure_initial_topics(Topic) == 0
    assert ensure_initial_topics(Topic) == 0

    after = list(Topic.objects.values_list("pk", "name", "slug", "parent_id", "order", "featured"))
    assert after == before


def test_ensure_initial_topics_keeps_an_editors_changes():
    vitiligo = get_topic("vitiligo")
    vitiligo.name = "Vitiligo and Depigmentation"
    vitiligo.description = "Edited by the newsroom."
    vitiligo.parent = None
    vitiligo.order = 1
    vitiligo.featured = False
    vitiligo.save()

    assert ensure_initial_topics(Topic) == 0

    vitiligo.refresh_from_db()
    assert vitiligo.name == "Vitiligo and Depigmentation"
    assert vitiligo.description == "Edited by the newsroom."
    assert vitiligo.parent is None
    assert vitiligo.order == 1
    assert vitiligo.featured is False
    assert Topic.objects.count() == 24


def test_ensure_initial_topics_restores_a_deleted_topic_with_its_parent():
    get_topic("melasma").delete()
    get_topic("rosacea").delete()

    assert ensure_initial_topics(Topic) == 2

    assert get_topic("melasma").parent == get_topic("pigmentary-disorders")
    assert get_topic("rosacea").parent is None
    assert [topic.name for topic in Topic.objects.all()] == SEED_ORDER


@pytest.mark.django_db
def test_ensure_initial_topics_keeps_a_topic_whose_slug_an_editor_changed():
    Topic.objects.filter(slug="vitiligo").update(slug="vitiligo-news")
    assert ensure_initial_topics(Topic) == 0
    assert Topic.objects.filter(name="Vitiligo").get().slug == "vitiligo-news"
    assert Topic.objects.count() == 24
