"""TrialSummary: what an editor may enter, and how the design reads."""

import pytest
from django.core.exceptions import ValidationError
from reversion.models import Version

from articles import services
from evidence.models import TrialSummary
from tests.builders import make_article, make_reference
from tests.evidence.builders import make_trial

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["NCT04052425", "NCT00000001"])
def test_nct_number_is_nct_and_eight_digits(value):
    make_trial(make_article(), nct_number=value)


@pytest.mark.parametrize(
    "value", ["NCT0405242", "NCT040524251", "nct04052425", "04052425", "NCT 04052425", "EUCT123"]
)
def test_other_nct_numbers_are_refused(value):
    with pytest.raises(ValidationError) as error:
        make_trial(make_article(), nct_number=value)
    assert "nct_number" in error.value.message_dict


def test_participants_must_be_positive():
    with pytest.raises(ValidationError) as error:
        make_trial(make_article(), participants=0)
    assert "participants" in error.value.message_dict


def test_allocation_ratio_reads_like_a_ratio():
    with pytest.raises(ValidationError) as error:
        make_trial(make_article(), allocation_ratio="two to one")
    assert "allocation_ratio" in error.value.message_dict


def test_source_reference_must_be_the_articles_own():
    article, other = make_article(), make_article()
    foreign = make_reference(other, number=1)

    with pytest.raises(ValidationError) as error:
        make_trial(article, reference=foreign)

    assert error.value.message_dict["reference"] == ["Choose one of this article's own references."]
    make_trial(article, reference=make_reference(article, number=1))  # its own: fine


@pytest.mark.parametrize(
    ("randomised", "ratio", "blinding", "control", "design"),
    [
        (True, "2:1", "double", "vehicle", "Randomised 2:1, double-blind, vehicle-controlled"),
        (True, "", "open", "", "Randomised, open-label"),
        (False, "", "", "none", "Non-randomised, uncontrolled"),
        (None, "", "", "", ""),
    ],
)
def test_design_in_words(randomised, ratio, blinding, control, design):
    trial = make_trial(
        make_article(),
        randomised=randomised,
        allocation_ratio=ratio,
        blinding=blinding,
        control=control,
    )
    assert trial.design == design


def test_registry_url_and_page_address():
    article = make_article()
    trial = make_trial(article, nct_number="NCT04057573")

    assert trial.registry_url == "https://clinicaltrials.gov/study/NCT04057573"
    assert trial.get_absolute_url() == f"{article.get_absolute_url()}#evidence"
    assert make_trial(article, nct_number="").registry_url == ""


def test_trials_are_ordered_and_go_with_their_article():
    article = make_article()
    second = make_trial(article, order=2, name="Second")
    first = make_trial(article, order=1, name="First")

    assert list(article.trials.all()) == [first, second]
    assert str(first) == "First"
    article.delete()
    assert not TrialSummary.objects.exists()


def test_deleting_the_source_reference_keeps_the_trial():
    article = make_article()
    reference = make_reference(article, number=1)
    trial = make_trial(article, reference=reference)

    reference.delete()

    trial.refresh_from_db()
    assert trial.reference is None


def test_a_revision_of_the_article_holds_its_trials():
    article = make_article()
    make_trial(article, name="TRuE-V1")

    services.save_article(article, by=None, comment="Edited.")

    revision = Version.objects.get_for_object(article).first().revision
    saved = [
        version.field_dict["name"]
        for version in revision.version_set.all()
        if version.content_type.model == "trialsummary"
    ]
    assert saved == ["TRuE-V1"]
