"""The evidence table in the article's JSON-LD: each trial a schema.org MedicalTrial
mentioned by the NewsArticle."""

import pytest

from syndication import structured_data
from tests.builders import make_article
from tests.evidence.builders import make_trial
from tests.syndication.seo import json_ld, json_ld_of_type

pytestmark = pytest.mark.django_db


def test_an_article_mentions_its_trials(client):
    article = make_article("Two trials")
    for name, nct, n in [("TRuE-V1", "NCT04052425", 330), ("TRuE-V2", "NCT04057573", 344)]:
        make_trial(article, name=name, nct_number=nct, participants=n, control="placebo")

    response = client.get(article.get_absolute_url())
    data = json_ld_of_type(response, "NewsArticle")

    trials = data["mentions"]
    assert [trial["@type"] for trial in trials] == ["MedicalTrial", "MedicalTrial"]
    assert [trial["name"] for trial in trials] == ["TRuE-V1", "TRuE-V2"]
    assert [trial["identifier"] for trial in trials] == [
        {"@type": "PropertyValue", "propertyID": "NCT", "value": "NCT04052425"},
        {"@type": "PropertyValue", "propertyID": "NCT", "value": "NCT04057573"},
    ]
    assert trials[0]["url"] == "https://clinicaltrials.gov/study/NCT04052425"
    assert trials[0]["phase"] == "Phase 3"
    assert trials[0]["trialDesign"] == [
        "https://schema.org/RandomizedTrial",
        "https://schema.org/DoubleBlindedTrial",
        "https://schema.org/PlaceboControlledTrial",
    ]
    assert trials[0]["healthCondition"] == {
        "@type": "MedicalCondition",
        "name": "Non-segmental vitiligo",
    }
    assert "(n=330)" in trials[0]["population"]
    assert trials[1]["outcome"].startswith("F-VSI75")
    # Inside the article, not blocks of their own.
    assert not [block for block in json_ld(response) if block.get("@type") == "MedicalTrial"]


def test_a_trial_with_few_facts_leaves_out_what_it_lacks(rf):
    article = make_article()
    make_trial(
        article,
        nct_number="",
        phase="",
        randomised=None,
        blinding="",
        control="",
        condition="",
        population="",
        participants=None,
        time_point="",
        result="Improved",
    )

    (trial,) = structured_data.medical_trials(rf.get("/"), article)

    assert trial == {
        "@type": "MedicalTrial",
        "name": trial["name"],
        "outcome": "F-VSI75: Improved",
    }


def test_article_without_trials_mentions_none(client):
    article = make_article()

    data = json_ld_of_type(client.get(article.get_absolute_url()), "NewsArticle")

    assert "mentions" not in data
