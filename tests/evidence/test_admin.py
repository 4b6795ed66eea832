"""Trial summaries in the article admin, as an editor (not a superuser) uses them."""

import pytest

from evidence.models import TrialSummary
from tests.articles.test_admin import change_form_data, change_url, inline_formsets
from tests.builders import make_article, make_editor, make_reference, make_writer
from tests.evidence.builders import make_trial

pytestmark = pytest.mark.django_db


def new_trial_fields(index=0, **overrides):
    fields = {
        "name": "TRuE-V1",
        "nct_number": "NCT04052425",
        "phase": "3",
        "randomised": "true",
        "allocation_ratio": "2:1",
        "blinding": "double",
        "control": "vehicle",
        "participants": "330",
        "intervention": "Ruxolitinib 1.5% cream twice daily",
        "comparator": "Vehicle cream twice daily",
        "primary_endpoint": "F-VSI75",
        "time_point": "Week 24",
        "result": "Nearly 30% reached F-VSI75",
        "order": "0",
    }
    fields.update(overrides)
    return {f"trials-{index}-{name}": value for name, value in fields.items()}


@pytest.mark.parametrize("make_user", [make_editor, make_writer])
def test_editors_and_writers_may_manage_trial_summaries(make_user):
    user = make_user()
    for action in ("add", "change", "delete", "view"):
        assert user.has_perm(f"evidence.{action}_trialsummary"), action


def test_inline_offers_only_the_articles_own_references(editor_client):
    article = make_article(references=2)
    make_reference(make_article(), number=1, title="Another article's reference")

    formset = inline_formsets(editor_client.get(change_url(article)))["trials"]

    choices = formset.empty_form.fields["reference"].queryset
    assert set(choices) == set(article.references.all())


def test_editor_adds_a_trial_from_the_article_form(editor_client, client):
    article = make_article(references=1, body="Cites [1].")
    reference = article.references.get()
    data = change_form_data(editor_client, article)
    data.update(new_trial_fields(reference=str(reference.pk)), **{"trials-TOTAL_FORMS": "1"})

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    trial = article.trials.get()
    assert (trial.name, trial.participants, trial.reference) == ("TRuE-V1", 330, reference)
    assert trial.design == "Randomised 2:1, double-blind, vehicle-controlled"


@pytest.mark.parametrize(
    ("field", "value"),
    [("nct_number", "NCT123"), ("participants", "0")],
)
def test_invalid_trial_fields_are_form_errors(editor_client, field, value):
    article = make_article()
    data = change_form_data(editor_client, article)
    data.update(new_trial_fields(**{field: value}), **{"trials-TOTAL_FORMS": "1"})

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    formset = inline_formsets(response)["trials"]
    assert field in formset.forms[0].errors
    assert not TrialSummary.objects.exists()


def test_another_articles_reference_is_refused(editor_client):
    article = make_article(references=1, body="Cites [1].")
    foreign = make_reference(make_article(), number=1)
    data = change_form_data(editor_client, article)
    data.update(new_trial_fields(reference=str(foreign.pk)), **{"trials-TOTAL_FORMS": "1"})

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert "reference" in inline_formsets(response)["trials"].forms[0].errors
    assert not TrialSummary.objects.exists()


def test_existing_trials_are_shown_and_kept_on_save(editor_client):
    article = make_article(references=1, body="Cites [1].")
    trial = make_trial(article, reference=article.references.get())

    response = editor_client.post(change_url(article), change_form_data(editor_client, article))

    assert response.status_code == 302
    assert list(article.trials.all()) == [trial]
    trial.refresh_from_db()
    assert trial.reference == article.references.get()
