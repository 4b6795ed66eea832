"""Trial summaries for tests: valid by default, any field overridable."""

import itertools

from evidence.models import TrialSummary

_sequence = itertools.count(1)


def make_trial(article, **overrides):
    number = next(_sequence)
    fields = {
        "name": f"TRIAL-{number}",
        "order": number,
        "nct_number": f"NCT{number:08d}",
        "phase": TrialSummary.Phase.PHASE_3,
        "randomised": True,
        "allocation_ratio": "2:1",
        "blinding": TrialSummary.Blinding.DOUBLE,
        "control": TrialSummary.Control.VEHICLE,
        "condition": "Non-segmental vitiligo",
        "population": "Adolescents and adults",
        "participants": 100 + number,
        "intervention": "Ruxolitinib 1.5% cream twice daily",
        "comparator": "Vehicle cream twice daily",
        "primary_endpoint": "F-VSI75",
        "time_point": "Week 24",
        "result": "Superior to vehicle",
        "safety": "Mostly mild adverse events",
    }
    fields.update(overrides)
    trial = TrialSummary(article=article, **fields)
    trial.full_clean()
    trial.save()
    return trial
