"""The "Suggest facts" screen through the real admin: each proposal beside its source
sentences; only what the editor accepts is saved, as edited."""

from datetime import date

import pytest
from django.urls import reverse

from drugs.models import Drug, RegulatoryMilestone
from evidence.models import TrialSummary
from tests.builders import form_data_from, make_writer
from tests.facts.builders import import_file
from tests.pages import parse

pytestmark = pytest.mark.django_db


def url(article):
    return reverse("admin:articles_article_suggest_facts", args=[article.pk])


def proposals(page, kind):
    """[(values of the proposal's inputs by name, its source sentences)]."""
    found = []
    for fieldset in page.find_all("fieldset", cls=f"proposal--{kind}"):
        values = {
            field.attrs["name"].split("-", 2)[-1]: field.attrs.get("value", field.text)
            for field in fieldset.find_all()
            if field.tag in ("input", "textarea") and field.attrs.get("name")
        }
        sources = [quote.text for quote in fieldset.find_all("blockquote")]
        found.append((values, sources))
    return found


@pytest.fixture
def article():
    return import_file("bimekizumab-approval").article


def test_the_editor_sees_each_proposal_beside_its_sentences(editor_client, article):
    page = parse(editor_client.get(url(article)))

    trials = proposals(page, "trial")
    assert [values["name"] for values, _ in trials] == ["BE READY", "BE VIVID", "BE SURE"]
    ready, sources = trials[0]
    assert (ready["participants"], ready["result"].strip()) == ("435", "91% vs 1%")
    assert (
        "In BE READY (n=435), 91% of patients treated with bimekizumab reached PASI 90 at "
        "week 16 vs 1% with placebo." in sources
    )
    drugs = proposals(page, "drug")
    assert [values["generic_name"] for values, _ in drugs] == [
        "bimekizumab",
        "ustekinumab",
        "adalimumab",
    ]
    milestones = proposals(page, "milestone")
    assert [(v["drug_name"], v["indication"]) for v, _ in milestones][0] == (
        "bimekizumab",
        "Moderate-to-Severe Plaque Psoriasis",
    )
    # Nothing is saved by looking.
    assert not TrialSummary.objects.exists() and not Drug.objects.exists()


def test_only_accepted_proposals_are_saved_as_edited(editor_client, article, client):
    html = editor_client.get(url(article)).content.decode()
    data = form_data_from(html, "suggest-facts-form")
    data["trial-0-accept"] = "on"
    data["trial-0-result"] = "PASI 90: 90.8% vs 1.2%"
    data["drug-0-accept"] = "on"
    data["milestone-0-accept"] = "on"
    data["milestone-0-date"] = "2023-10-18"
    data["milestone-0-indication"] = "moderate to severe plaque psoriasis in adults"

    response = editor_client.post(url(article), data)

    assert response.status_code == 302, parse(response).find("form").text[:500]
    [trial] = TrialSummary.objects.all()
    assert (trial.article, trial.name, trial.result) == (
        article,
        "BE READY",
        "PASI 90: 90.8% vs 1.2%",
    )
    assert (trial.participants, trial.phase, trial.control) == (435, "3", "placebo")
    [drug] = Drug.objects.all()
    assert (drug.generic_name, drug.drug_class) == ("bimekizumab", "IL-17A and IL-17F inhibitor")
    assert list(drug.articles.all()) == [article]
    [milestone] = RegulatoryMilestone.objects.all()
    assert (milestone.drug, milestone.title, str(milestone.date)) == (
        drug,
        "FDA approval",
        "2023-10-18",
    )
    article.refresh_from_db()
    assert article.takeaways == ""  # not accepted
    # The accepted trial's name is a tag, beside the drug names the import added.
    assert "BE READY" in article.tags.names() and "BE VIVID" not in article.tags.names()


def test_an_accepted_proposal_with_a_gap_is_shown_again_and_nothing_is_saved(
    editor_client, article
):
    data = form_data_from(editor_client.get(url(article)).content.decode(), "suggest-facts-form")
    data["trial-0-accept"] = "on"
    data["milestone-0-accept"] = "on"
    data["milestone-0-date"] = ""  # no date left; and its drug page is missing

    response = editor_client.post(url(article), data)

    assert response.status_code == 200
    errors = parse(response).find_all(cls="errorlist")
    assert any("required" in error.text for error in errors)
    assert not TrialSummary.objects.exists() and not RegulatoryMilestone.objects.exists()


def test_a_date_given_only_to_the_month_is_saved_so_and_shown_so(editor_client, article, client):
    page = parse(editor_client.get(url(article)))
    dates = [values["date"] for values, _ in proposals(page, "milestone")]
    # "in October 2023", "in June 2021", "in August 2021": months, no day made up.
    assert dates == ["October 2023", "June 2021", "August 2021"]
    data = form_data_from(editor_client.get(url(article)).content.decode(), "suggest-facts-form")
    data["drug-0-accept"] = "on"
    data["milestone-0-accept"] = "on"

    response = editor_client.post(url(article), data)

    assert response.status_code == 302
    [milestone] = RegulatoryMilestone.objects.all()
    assert (milestone.date, milestone.date_precision) == (date(2023, 10, 1), "month")
    timeline = parse(client.get(milestone.drug.get_absolute_url())).find("ol", cls="timeline")
    assert [t.text for t in timeline.find_all("time")] == ["October 2023"]


def test_a_writer_may_not_accept_drug_pages(client, article):
    writer = make_writer()
    client.force_login(writer)
    response = client.get(url(article))
    assert response.status_code == 403  # not their draft: the article is in review


def test_the_article_change_page_links_suggest_facts(editor_client, article):
    change = reverse("admin:articles_article_change", args=[article.pk])
    tools = parse(editor_client.get(change)).find("ul", cls="object-tools")
    assert ("Suggest facts", url(article)) in [(text, href) for href, text in tools.links()]
    assert editor_client.get(url(article)).status_code == 200
