"""The seed article's evidence table after load_demo: the trials the facts service
proposes from the article's text, accepted once, never again over an editor's edits."""

import re

import pytest
from reversion.models import Version

from demo.management.commands.load_demo import FACTS_COMMENT
from tests.demo.pages import article_page, load_demo, proposed_for
from tests.evidence.tables import read_table, row_links

pytestmark = pytest.mark.django_db


def evidence_table(page):
    return page.find("section", id="evidence").find("table")


def test_the_table_shows_the_trials_proposed_from_the_text(client):
    article, _ = load_demo()

    columns, rows = read_table(evidence_table(article_page(client, article)))

    proposed = [trial.fields for trial in proposed_for(article).trials]
    assert columns == [fields["name"] for fields in proposed] == ["TRuE-V1", "TRuE-V2"]
    assert rows["Patients (N)"] == [str(fields["participants"]) for fields in proposed]
    assert rows["Patients (N)"] == ["330", "344"]
    assert rows["Phase"] == ["Phase 3", "Phase 3"]
    assert rows["Design"] == ["Randomised 2:1, double-blind, vehicle-controlled"] * 2
    assert rows["Condition"] == ["Non-segmental vitiligo"] * 2
    assert rows["Intervention"] == ["Ruxolitinib 1.5% cream twice daily"] * 2
    assert rows["Comparator"] == ["Vehicle cream twice daily"] * 2
    assert rows["Primary endpoint"] == ["F-VSI75, week 24"] * 2
    assert rows["Result"] == [fields["result"] for fields in proposed] == ["30%", "31%"]
    assert all("acne" in cell for cell in rows["Key safety findings"])
    # The text names no registry entry: no NCT number is made up.
    assert rows["Registry"] == ["—", "—"]


def test_each_trial_cites_the_reference_the_text_cites_for_the_trials(client):
    article, _ = load_demo()
    page = article_page(client, article)

    assert row_links(evidence_table(page), "Source") == [("#ref-1", "Reference 1")] * 2
    assert "Two Phase 3, Randomized, Controlled Trials" in page.find("li", id="ref-1").text


def test_every_figure_in_the_table_is_in_the_articles_text(client):
    article, _ = load_demo()

    _, rows = read_table(evidence_table(article_page(client, article)))

    text = " ".join([article.deck, article.body])
    for header, cells in rows.items():
        for cell in cells:
            for figure in re.findall(r"\d+(?:\.\d+)?%|\b\d+:\d+\b|\b\d{3}\b", cell):
                assert figure in text, (header, figure)


def test_the_facts_come_in_a_revision_of_their_own():
    article, _ = load_demo()

    comments = [v.revision.comment for v in Version.objects.get_for_object(article)]

    assert comments[:2] == [FACTS_COMMENT, "Demo content loaded."]


def test_a_second_run_leaves_the_editors_table_alone(client):
    article, _ = load_demo()
    article.trials.filter(name="TRuE-V2").delete()
    article.trials.update(result="Edited by an editor")

    load_demo()

    columns, rows = read_table(evidence_table(article_page(client, article)))
    assert (columns, rows["Result"]) == (["TRuE-V1"], ["Edited by an editor"])
