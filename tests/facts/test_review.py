"""Accepting every proposal at once (facts.review.accept_all) saves what an editor ticking
every box on the Suggest facts page saves, once, and leaves out what the page would refuse."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from drugs.models import Drug, RegulatoryMilestone
from evidence.models import TrialSummary
from facts.review import accept_all
from tests.builders import form_data_from, make_writer
from tests.facts.builders import import_file

pytestmark = pytest.mark.django_db

TRIAL_FIELDS = [
    "name", "nct_number", "phase", "randomised", "allocation_ratio", "blinding", "control",
    "participants", "intervention", "comparator", "primary_endpoint", "time_point", "result",
    "safety", "condition", "population", "reference_id", "order",
]  # fmt: skip


def facts_of(article):
    """Everything the review writes, as plain values."""
    article.refresh_from_db()
    return {
        "trials": list(TrialSummary.objects.filter(article=article).values_list(*TRIAL_FIELDS)),
        "drugs": list(
            Drug.objects.values_list(
                "generic_name", "slug", "brand_names", "drug_class", "formulation", "description"
            )
        ),
        "drug links": sorted(Drug.objects.filter(articles=article).values_list("slug", flat=True)),
        "milestones": list(
            RegulatoryMilestone.objects.values_list(
                "drug__generic_name", "agency", "decision", "date", "date_precision", "indication"
            )
        ),
        "takeaways": article.takeaways,
        "tags": sorted(article.tags.names()),
    }


def forget_facts(article, tags):
    """Back to the article as imported: no trials, drug pages or takeaways."""
    TrialSummary.objects.filter(article=article).delete()
    Drug.objects.all().delete()
    article.takeaways = ""
    article.save()
    article.tags.set(tags, clear=True)


def tick_every_box(editor_client, article):
    url = reverse("admin:articles_article_suggest_facts", args=[article.pk])
    data = form_data_from(editor_client.get(url).content.decode(), "suggest-facts-form")
    prefixes = {"-".join(name.split("-")[:2]) for name in data if name.count("-") >= 2}
    for prefix in [*prefixes, "takeaways"]:
        data[f"{prefix}-accept"] = "on"
    return editor_client.post(url, data)


@pytest.mark.parametrize("name", ["bimekizumab-approval", "tapinarof-psoaring"])
def test_accept_all_saves_what_the_page_saves_with_every_box_ticked(editor_client, name):
    article = import_file(name).article
    tags = list(article.tags.names())

    response = tick_every_box(editor_client, article)
    assert response.status_code == 302
    by_the_page = facts_of(article)
    forget_facts(article, tags)
    review = accept_all(article=article, by=None)

    assert facts_of(article) == by_the_page
    assert review.left_out == []
    assert by_the_page["trials"] and by_the_page["milestones"] and by_the_page["takeaways"]


def test_a_second_review_adds_nothing_and_keeps_the_editors_takeaways():
    article = import_file("bimekizumab-approval").article
    first = accept_all(article=article, by=None)
    article.takeaways = "An editor's own takeaway."
    article.save()
    before = facts_of(article)

    second = accept_all(article=article, by=None)

    assert first.saved and second.saved == []
    assert facts_of(article) == before
    assert article.takeaways == "An editor's own takeaway."


def test_a_milestone_the_text_gives_no_date_is_left_out_with_the_reason():
    # "also FDA-approved to treat ... atopic dermatitis": no date at all.
    article = import_file("seed").article

    review = accept_all(article=article, by=None)

    # Nor the positive opinion, whose only date is "a February press release".
    assert [what for what, _ in review.left_out] == [
        "ruxolitinib: EMA CHMP positive opinion",
        "ruxolitinib: FDA approval",
    ]
    assert all("date: This field is required." in why for _, why in review.left_out)
    saved = RegulatoryMilestone.objects.values_list("agency", "decision", "date_precision")
    assert sorted(saved) == [("fda", "approval", "month")]


def test_a_user_is_held_to_the_pages_permissions():
    article = import_file("bimekizumab-approval").article  # in review, not the writer's

    with pytest.raises(PermissionDenied):
        accept_all(article=article, by=make_writer())

    assert not TrialSummary.objects.exists()
