"""The seed article's evidence table, added by load_demo when it creates the article.

Every figure is the seed article's own (its text and reference 1, the NEJM report
of both trials); the NCT numbers are the trials' ClinicalTrials.gov entries.
"""

import reversion

from evidence.models import TrialSummary

# What the two trials share, as the article describes them.
SEED_TRIAL_DESIGN = {
    "phase": TrialSummary.Phase.PHASE_3,
    "randomised": True,
    "allocation_ratio": "2:1",
    "blinding": TrialSummary.Blinding.DOUBLE,
    "control": TrialSummary.Control.VEHICLE,
    "condition": "Non-segmental vitiligo",
    "population": "Patients aged 12 years and older with non-segmental vitiligo with facial "
    "involvement, in North America and Europe",
    "intervention": "Ruxolitinib 1.5% cream twice daily",
    "comparator": "Vehicle cream twice daily (ruxolitinib cream for all after week 24)",
    "primary_endpoint": "F-VSI75 (75% improvement in the Facial Vitiligo Area Scoring Index)",
    "time_point": "Week 24",
    "safety": "Adverse events in more than 50% of participants, including acne, itching "
    "and nasal inflammation",
}
SEED_TRIALS = [
    {
        "name": "TRuE-V1",
        "nct_number": "NCT04052425",
        "participants": 330,
        "result": "F-VSI75 in nearly 30% of participants; ruxolitinib cream superior to vehicle",
    },
    {
        "name": "TRuE-V2",
        "nct_number": "NCT04057573",
        "participants": 344,
        "result": "F-VSI75 in 31% of participants; ruxolitinib cream superior to vehicle",
    },
]
SEED_REFERENCE_NUMBER = 1


def add_seed_trials(article):
    """TRuE-V1 and TRuE-V2 on the seed article, citing its reference 1; in a revision
    of the article of their own, so its history shows when the table came."""
    reference = article.references.filter(number=SEED_REFERENCE_NUMBER).first()
    with reversion.create_revision():
        trials = []
        for order, fields in enumerate(SEED_TRIALS):
            trial = TrialSummary(
                article=article, order=order, reference=reference, **SEED_TRIAL_DESIGN, **fields
            )
            trial.full_clean()
            trial.save()
            trials.append(trial)
        reversion.add_to_revision(article)
        reversion.set_comment("Demo evidence table added.")
    return trials
