"""Trial, regulatory and takeaway proposals from text: each fact with its sentence."""

from datetime import date

import pytest

from drugs.forms import MilestoneDate
from facts import dictionary
from facts.drugs_found import catalogue
from facts.proposals import propose_milestones, propose_takeaways, propose_trials, trial_names
from facts.text import sentences

NAMES = catalogue([(e.generic_name, e.brand_names) for e in dictionary.entries().values()])


@pytest.mark.parametrize(
    "sentence, names",
    [
        ("The TRuE-V1 and TRuE-V2 trials enrolled adolescents.", ["TRuE-V1", "TRuE-V2"]),
        ("OLYMPIA 2 and KEYNOTE-716 are phase 3 trials.", ["OLYMPIA 2", "KEYNOTE-716"]),
        ("In the BE HEARD I study, HiSCR50 rose.", ["BE HEARD I"]),
        ("CheckMate 76K was a randomized trial.", ["CheckMate 76K"]),
        (
            "In Measure Up 1 and Measure Up 2, two studies, Phase 3 and Week 16 were not names.",
            [
                "Measure Up 1",
                "Measure Up 2",
            ],
        ),
        # Endpoints, agencies, molecules and stages are never trials.
        ("In the trial, EASI-75, PASI 90, IL-17A, PD-1, US FDA and stage IIB mattered.", []),
        ("The trial (NCT04052425) ran in COVID-19 times.", []),
        # A name never said to be a trial or study is not proposed.
        ("ADVANCE 2 was the campaign's name.", []),
    ],
)
def test_trial_names(sentence, names):
    assert trial_names([sentence]) == names


TEXT = """Lebrikizumab Keeps Skin Clear in ADvocate 1

Two phase 3 trials, ADvocate 1 and ADvocate 2, randomized adults 2:1 to lebrikizumab or placebo.

ADvocate 1 (NCT04146363) enrolled 424 patients. The primary endpoint was IGA 0/1 at week 16.

In ADvocate 1, 43.1% reached IGA 0/1 at week 16 vs 12.7% with placebo.

In ADvocate 2 (n=427), EASI-75 at week 16 was reached by 51.9% vs 18.1%.

Conjunctivitis was the most common adverse event in both trials.
"""


def test_trial_rows_with_the_sentence_of_each_fact():
    first, second = propose_trials(TEXT, NAMES)

    assert first.fields == {
        "name": "ADvocate 1",
        "phase": "3",
        "randomised": True,
        "allocation_ratio": "2:1",
        "control": "placebo",
        "nct_number": "NCT04146363",
        "participants": 424,
        "primary_endpoint": "IGA 0/1",
        "time_point": "Week 16",
        "result": "43.1% vs 12.7%",
        "safety": "Conjunctivitis was the most common adverse event in both trials.",
    }
    assert first.facts["participants"].sentence == "ADvocate 1 (NCT04146363) enrolled 424 patients."
    assert first.facts["phase"].sentence.startswith("Two phase 3 trials")
    # The second trial's own N and result; the first's NCT number is not its.
    assert second.fields["participants"] == 427
    assert second.fields["result"] == "51.9% vs 18.1%"
    assert second.fields["primary_endpoint"] == "EASI-75"
    assert "nct_number" not in second.fields


def test_a_table_row_gives_the_numbers_of_its_own_endpoint():
    text = (
        "The SOLO 1 trial's primary endpoint was IGA 0/1 at week 16.\n\n"
        "Endpoint\tDupilumab (n=224)\tPlacebo (n=224)\n"
        "EASI-75 at week 16\t51%\t15%\n"
        "IGA 0/1 at week 16\t38%\t10%\n"
    )
    [trial] = propose_trials(text, NAMES)
    assert trial.fields["result"] == "38% vs 10%"
    assert trial.facts["result"].sentence == "IGA 0/1 at week 16\t38%\t10%"
    # Several n= are arm sizes, never N.
    assert "participants" not in trial.fields


def test_unicode_endpoints_and_marks():
    text = (
        "In the phase 2b ATLAS trial, PP-NRS improvement ≥4 at week 24 was reached by "
        "58.7% vs 16.4% (n=150), with 10 μg/mL troughs – Müller et al. reported."
    )
    [trial] = propose_trials(text, NAMES)
    assert trial.fields["primary_endpoint"] == "PP-NRS ≥4"
    assert (trial.fields["phase"], trial.fields["participants"]) == ("2", 150)
    assert trial.fields["result"] == "58.7% vs 16.4%"


def test_regulatory_events_become_milestone_proposals():
    text = (
        "The US Food and Drug Administration (FDA) approved ruxolitinib cream in July 2022 for "
        "non-segmental vitiligo in patients 12 years and older.\n\n"
        "The Committee for Medicinal Products for Human Use (CHMP) adopted a positive opinion in "
        "June 2021, and the European Commission approved bimekizumab on August 20, 2021 for "
        "moderate to severe plaque psoriasis in adults.\n\n"
        "Health Canada rejected the application in 2020."
    )
    events = propose_milestones(text, NAMES)
    assert [(e.drug, e.agency, e.decision, e.date_text, e.indication) for e in events] == [
        ("ruxolitinib", "fda", "approval", "2022-07",
         "non-segmental vitiligo in patients 12 years and older"),
        ("bimekizumab", "ema", "chmp-positive", "2021-06",
         "moderate to severe plaque psoriasis in adults"),
        ("bimekizumab", "ema", "approval", "2021-08-20",
         "moderate to severe plaque psoriasis in adults"),
    ]  # fmt: skip
    # "July 2022" is proposed as that month: the 1st, with the precision "month".
    assert events[0].fields["date"] == MilestoneDate(date(2022, 7, 1), "month")
    assert str(events[0].fields["date"]) == "July 2022"
    assert events[2].fields == {
        "agency": "ema",
        "decision": "approval",
        "date": MilestoneDate(date(2021, 8, 20), "day"),
        "indication": "moderate to severe plaque psoriasis in adults",
    }
    assert events[0].sentence.startswith("The US Food and Drug Administration")


def test_a_month_without_a_year_is_no_date():
    [event] = propose_milestones(
        "The FDA approved ruxolitinib cream in July for non-segmental vitiligo.", NAMES
    )
    assert event.date_parts is None and event.fields["date"] is None


def test_one_event_told_twice_is_one_proposal_with_the_precise_date():
    text = (
        "The FDA approved pembrolizumab in December 2021.\n\n"
        "The FDA approved pembrolizumab on December 3, 2021 for the adjuvant treatment of "
        "stage IIB or IIC melanoma."
    )
    [event] = propose_milestones(text, NAMES)
    assert (event.date_text, event.indication) == ("2021-12-03", "stage IIB or IIC melanoma")


def test_takeaways_are_the_deck_and_the_result_sentences():
    trials = propose_trials(TEXT, NAMES)
    assert propose_takeaways(deck="Two trials  agree.", trials=trials) == [
        "Two trials agree.",
        "In ADvocate 1, 43.1% reached IGA 0/1 at week 16 vs 12.7% with placebo.",
        "In ADvocate 2 (n=427), EASI-75 at week 16 was reached by 51.9% vs 18.1%.",
    ]


def test_sentences_keep_rows_items_and_headings_apart_and_drop_markers():
    text = "Results\n\nIt worked.[1] It was safe.[2, 3]\n\n- First item\n- Second item"
    assert sentences(text) == ["Results", "It worked.", "It was safe.", "First item", "Second item"]
