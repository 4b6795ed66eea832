"""load_demo fills the seed article's evidence table once, from the article's own facts."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from reversion.models import Version

from articles.models import Article
from evidence.models import TrialSummary

pytestmark = pytest.mark.django_db


def load_demo():
    call_command("load_demo", "--allow-production", stdout=StringIO())
    return Article.objects.get()


def test_seed_article_gets_both_trials_citing_reference_1():
    article = load_demo()

    trials = list(article.trials.all())

    assert [(t.name, t.nct_number, t.participants) for t in trials] == [
        ("TRuE-V1", "NCT04052425", 330),
        ("TRuE-V2", "NCT04057573", 344),
    ]
    assert {t.reference for t in trials} == {article.references.get(number=1)}
    for trial in trials:
        trial.full_clean()
        assert trial.phase == TrialSummary.Phase.PHASE_3
        assert trial.design == "Randomised 2:1, double-blind, vehicle-controlled"
        assert trial.intervention == "Ruxolitinib 1.5% cream twice daily"
        assert trial.primary_endpoint.startswith("F-VSI75")
        assert trial.time_point == "Week 24"


def test_seed_figures_are_the_articles_own():
    article = load_demo()

    # Every count and percentage in the table is written in the article's body.
    for trial in article.trials.all():
        text = " ".join([trial.intervention, trial.result, trial.safety])
        for value in [str(trial.participants), *re.findall(r"\d+(?:\.\d+)?%", text)]:
            assert value in article.body, value


def test_trials_are_added_in_a_revision_of_their_own():
    article = load_demo()

    comments = [v.revision.comment for v in Version.objects.get_for_object(article)]

    assert comments[0] == "Demo evidence table added."


def test_second_run_leaves_the_editors_table_alone():
    article = load_demo()
    article.trials.filter(name="TRuE-V2").delete()
    article.trials.update(result="Edited by an editor")

    load_demo()

    assert list(article.trials.values_list("name", "result")) == [
        ("TRuE-V1", "Edited by an editor")
    ]
