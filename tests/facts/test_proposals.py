"""Trial, regulatory and takeaway proposals from text: each fact with its sentence."""

from datetime import date

import pytest

from drugs.forms import MilestoneDate
from facts import dictionary
from facts.drugs_found import catalogue
from facts.proposals import (
    dose_of,
    formulation_of,
    propose_milestones,
    propose_takeaways,
    propose_trials,
    trial_names,
)
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
        "intervention": "Lebrikizumab",
        "comparator": "Placebo",
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


# -- Arms, condition, source -----------------------------------------------------------


@pytest.mark.parametrize(
    "drug, sentence, intervention",
    [
        ("ruxolitinib", "Patients applied either a 1.5% ruxolitinib cream or the control "
         "treatment at a twice-daily rate.", "1.5% cream twice daily"),
        ("tapinarof", "Adults applied tapinarof 1% cream or vehicle once daily.",
         "1% cream once daily"),
        ("roflumilast", "Patients used roflumilast foam 0.3% or vehicle foam once daily.",
         "0.3% foam once daily"),
        ("roflumilast", "Once-daily roflumilast 0.3% foam beat vehicle foam.",
         "0.3% foam once daily"),
        ("upadacitinib", "Patients took upadacitinib 15 mg, upadacitinib 30 mg or placebo "
         "once daily.", "15 mg or 30 mg once daily"),
        ("pembrolizumab", "Patients got pembrolizumab 200 mg (2 mg/kg in children) or "
         "placebo every 3 weeks.", "200 mg every 3 weeks"),
        ("dupilumab", "Dupixent 300mg every 2 weeks was given.", "300 mg every 2 weeks"),
    ],
)  # fmt: skip
def test_dose_form_and_schedule_of_a_drug(drug, sentence, intervention):
    assert dose_of(drug, sentence, NAMES).text() == intervention


def test_no_dose_no_intervention_dose():
    assert dose_of("ruxolitinib", "Ruxolitinib cream was applied twice daily.", NAMES) is None
    # A strength of another drug is not this one's.
    assert dose_of("ruxolitinib", "Tacrolimus 0.1% ointment and ruxolitinib cream.", NAMES) is None


def test_formulation_is_the_first_strength_and_form_of_the_drug():
    text = "Tapinarof cream works.\n\nAdults applied tapinarof 1% cream once daily."
    assert formulation_of("tapinarof", text, NAMES) == "1% cream"
    # A dose without a form is no formulation.
    assert formulation_of("pembrolizumab", "Pembrolizumab 200 mg every 3 weeks.", NAMES) == ""


ARMS = """Vitamin Cream in STAR 1 and STAR 2

In the phase 3 STAR 1 and STAR 2 trials, adults with vitiligo applied 1.5% ruxolitinib cream \
or vehicle twice daily.[1]

Participants were patients with non-segmental vitiligo of the face and a BSA of 10%.

STAR 1 (NCT01234567) enrolled 300 patients and STAR 2 (NCT07654321) enrolled 310.

In STAR 1, 30% of patients on ruxolitinib reached F-VSI75 at week 24 vs 10% with vehicle.[2]

In STAR 2, ruxolitinib was superior to tacrolimus, with F-VSI75 in 31% vs 20%.

The FDA approved ruxolitinib cream in July 2022 for vitiligo.[3]
"""
REFERENCES = [
    (1, "Doe J. Ruxolitinib cream trials in vitiligo. N Engl J Med. 2022;1:1-2."),
    (2, "Roe R. Results of STAR 1. Lancet. 2023;2:3-4."),
    (3, "FDA approves Opzelura. Incyte. https://incyte.example/news."),
]


def test_arms_condition_and_source_of_each_trial():
    star1, star2 = propose_trials(ARMS, NAMES, main_drug="ruxolitinib", references=REFERENCES)

    assert star1.fields["intervention"] == "Ruxolitinib 1.5% cream twice daily"
    assert star1.fields["comparator"] == "Vehicle cream twice daily"
    assert star2.fields["comparator"] == "Tacrolimus"
    # The most specific of "vitiligo" and "non-segmental vitiligo of the face".
    assert star1.fields["condition"] == "Non-segmental vitiligo of the face"
    assert star1.facts["condition"].sentence.startswith("Participants were patients")
    # Each name's NCT number is the one between it and the next name.
    assert (star1.fields["nct_number"], star2.fields["nct_number"]) == (
        "NCT01234567",
        "NCT07654321",
    )
    # STAR 1: the reference naming it; STAR 2: the one cited about both trials, never
    # the approval's source.
    assert (star1.fields["reference"], star2.fields["reference"]) == (2, 1)


def test_a_trial_of_another_drug_has_that_drug_as_intervention():
    text = (
        "Adjuvant pembrolizumab 200 mg every 3 weeks lowered recurrence in KEYNOTE-716, a "
        "phase 3 trial.\n\nNivolumab (Opdivo) was studied in CheckMate 76K (n=790), in "
        "which 12-month recurrence-free survival was 89.0% vs 79.4% with placebo."
    )
    keynote, checkmate = propose_trials(text, NAMES, main_drug="pembrolizumab")

    assert keynote.fields["intervention"] == "Pembrolizumab 200 mg every 3 weeks"
    assert checkmate.fields["intervention"] == "Nivolumab"
    assert checkmate.fields["comparator"] == "Placebo"


def test_the_reported_arm_of_several_gives_the_schedule():
    text = (
        "SOLO 9 was a phase 3 trial of dupilumab 300 mg every week, dupilumab 300 mg every 2 "
        "weeks or placebo.\n\nIGA 0/1 was reached by 38% with dupilumab every 2 weeks vs "
        "10% with placebo."
    )
    [trial] = propose_trials(text, NAMES, main_drug="dupilumab")

    assert trial.fields["intervention"] == "Dupilumab 300 mg every 2 weeks"
