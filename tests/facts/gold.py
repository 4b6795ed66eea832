"""Hand-labelled facts of the seed and of the test articles, and how proposals are scored.

The seed's gold standard is the demo's hard-coded facts (demo/drugs.py, demo/trials.py,
its drug tags); the test articles' facts were labelled by hand from their text.

Scoring, fact by fact:
- drugs: each generic name and each brand found (tags), and each proposed drug's
  brands and class against the gold drug's;
- trials: a row is matched by its name; each of SCORED_TRIAL_FIELDS is a fact. A
  primary endpoint is right when the gold one starts with it ("F-VSI75" of "F-VSI75
  (75% improvement ...)"); a result when it has numbers and all of them are the gold
  result's; anything else when equal (case aside). Fields of an unmatched row are all
  wrong, or all missed;
- milestones: matched by drug, agency and decision (and the closest date); the event
  itself, its date (right when its known parts agree with the gold date) and its
  indication (right when at least half its words are the gold's) are facts.
Precision: right facts / proposed facts. Recall: right facts / gold facts.
"""

import re
from datetime import date

from demo import drugs as demo_drugs
from demo import trials as demo_trials

SCORED_TRIAL_FIELDS = [
    "name",
    "nct_number",
    "phase",
    "randomised",
    "allocation_ratio",
    "blinding",
    "control",
    "participants",
    "primary_endpoint",
    "time_point",
    "result",
]
SEED_DRUG_TAGS = ["ruxolitinib", "Opzelura"]  # the drug names among load_demo's SEED_TAGS


def seed_gold():
    drug = demo_drugs.RUXOLITINIB
    return {
        "drugs": {drug["generic_name"]: (drug["brand_names"], drug["drug_class"])},
        "tags": SEED_DRUG_TAGS,
        "trials": [demo_trials.SEED_TRIAL_DESIGN | trial for trial in demo_trials.SEED_TRIALS],
        "milestones": [
            (drug["generic_name"], agency.value, decision.value, (d.year, d.month, d.day), what)
            for agency, decision, d, what in demo_drugs.RUXOLITINIB_MILESTONES
        ],
    }


def _design(**fields):
    base = {"phase": "3", "randomised": True, "blinding": "double"}
    return base | fields


GOLD = {
    "dupilumab-solo1": {
        "drugs": {"dupilumab": ("Dupixent", ""), "clobetasol propionate": ("", "")},
        "tags": ["dupilumab", "Dupixent", "clobetasol propionate"],
        "trials": [
            _design(
                name="SOLO 1",
                nct_number="NCT02277743",
                allocation_ratio="1:1:1",
                control="placebo",
                participants=671,
                primary_endpoint="IGA 0/1 (clear or almost clear) with a reduction of ≥2 points",
                time_point="Week 16",
                result="38% vs 10%",
            )
        ],
        "milestones": [],
    },
    "bimekizumab-approval": {
        "drugs": {
            "bimekizumab": ("Bimzelx", "IL-17A and IL-17F inhibitor"),
            "ustekinumab": ("Stelara", ""),
            "adalimumab": ("Humira", ""),
        },
        "tags": ["bimekizumab", "Bimzelx", "ustekinumab", "Stelara", "adalimumab", "Humira"],
        "trials": [
            _design(
                name="BE READY",
                control="placebo",
                participants=435,
                primary_endpoint="PASI 90",
                time_point="Week 16",
                result="91% vs 1%",
            ),
            _design(
                name="BE VIVID",
                control="active",
                participants=567,
                primary_endpoint="PASI 90",
                time_point="Week 16",
                result="85% vs 50%",
            ),
            _design(
                name="BE SURE",
                control="active",
                participants=478,
                primary_endpoint="PASI 90",
                time_point="Week 16",
                result="86% vs 47%",
            ),
        ],  # fmt: skip
        "milestones": [
            (
                "bimekizumab",
                "fda",
                "approval",
                (2023, 10, None),
                "moderate-to-severe plaque psoriasis in adults who are candidates for systemic "
                "therapy or phototherapy",
            ),
            (
                "bimekizumab",
                "ema",
                "chmp-positive",
                (2021, 6, None),
                "moderate to severe plaque psoriasis in adults who are candidates for systemic "
                "therapy",
            ),
            (
                "bimekizumab",
                "ema",
                "approval",
                (2021, 8, None),
                "moderate to severe plaque psoriasis in adults who are candidates for systemic "
                "therapy",
            ),
        ],  # fmt: skip
    },
    "pembrolizumab-adjuvant": {
        "drugs": {"pembrolizumab": ("Keytruda", "PD-1 inhibitor"), "nivolumab": ("Opdivo", "")},
        "tags": ["pembrolizumab", "Keytruda", "nivolumab", "Opdivo"],
        "trials": [
            _design(
                name="KEYNOTE-716",
                nct_number="NCT03553836",
                allocation_ratio="1:1",
                control="placebo",
                participants=976,
                primary_endpoint="Recurrence-free survival",
                result="Recurrence or death in 11% vs 17% (hazard ratio 0.65)",
            ),
            {
                "name": "CheckMate 76K",
                "control": "placebo",
                "participants": 790,
                "primary_endpoint": "Recurrence-free survival",
                "time_point": "Month 12",
                "result": "89.0% vs 79.4%",
            },
        ],
        "milestones": [
            (
                "pembrolizumab",
                "fda",
                "approval",
                (2021, 12, 3),
                "adjuvant treatment of adult and pediatric patients 12 years and older with stage "
                "IIB or IIC melanoma following complete resection",
            ),
        ],  # fmt: skip
    },
}

# Labelled before the proposals were first run on it. That first run, on a text the rules
# were not written for, gave trials precision 94% (17/18), recall 85% (17/20) and
# milestones 67%/67% (2/3): a comparison word missing from the active-comparator rule,
# "X enrolled 510 and Y enrolled 515" and an indication running on "after ...". The
# rules were then fixed, so it is no longer held out.
HELD_OUT = {
    "tapinarof-psoaring": {
        "drugs": {
            "tapinarof": ("Vtama", "aryl hydrocarbon receptor agonist"),
            "roflumilast": ("Zoryve, Daliresp", "PDE4 inhibitor"),
        },
        "tags": ["tapinarof", "Vtama", "roflumilast", "Zoryve"],
        "trials": [
            _design(
                name="PSOARING 1",
                allocation_ratio="2:1",
                control="vehicle",
                participants=510,
                primary_endpoint="PGA 0/1 with an improvement of at least 2 grades",
                time_point="Week 12",
                result="35.4% vs 6.0%",
            ),
            _design(
                name="PSOARING 2",
                allocation_ratio="2:1",
                control="vehicle",
                participants=515,
                primary_endpoint="PGA 0/1 with an improvement of at least 2 grades",
                time_point="Week 12",
                result="40.2% vs 6.3%",
            ),
        ],  # fmt: skip
        "milestones": [
            ("tapinarof", "fda", "approval", (2022, 5, 23), "plaque psoriasis in adults"),
        ],
    },
    # Labelled before the first run. That run found no trial at all (trials recall 0/20:
    # title-case names such as "Measure Up 1" were not names yet; drugs and milestones
    # 100%); the name rule and "assigned 1:1:1" were then added.
    "upadacitinib-measure-up": {
        "drugs": {
            "upadacitinib": ("Rinvoq", "JAK1 inhibitor"),
            "tofacitinib": ("Xeljanz", "JAK inhibitor"),
        },
        "tags": ["upadacitinib", "Rinvoq", "tofacitinib", "Xeljanz"],
        "trials": [
            _design(
                name="Measure Up 1",
                allocation_ratio="1:1:1",
                control="placebo",
                participants=847,
                primary_endpoint="EASI-75",
                time_point="Week 16",
                result="EASI-75: 70% (15 mg) and 80% (30 mg) vs 16%",
            ),
            _design(
                name="Measure Up 2",
                allocation_ratio="1:1:1",
                control="placebo",
                participants=836,
                primary_endpoint="EASI-75",
                time_point="Week 16",
                result="EASI-75: 60% (15 mg) and 73% (30 mg) vs 13%",
            ),
        ],  # fmt: skip
        "milestones": [
            (
                "upadacitinib",
                "fda",
                "approval",
                (2022, 1, 14),
                "refractory, moderate to severe atopic dermatitis in patients 12 years and older "
                "whose disease is not adequately controlled with other systemic drugs",
            ),
        ],  # fmt: skip
    },
}
GOLD |= HELD_OUT


class Score:
    def __init__(self):
        self.proposed = self.gold = self.right = 0
        self.wrong, self.missed = [], []

    def add(self, *, proposed, gold, right, label):
        self.proposed += proposed
        self.gold += gold
        self.right += right
        if proposed and not right:
            self.wrong.append(label)
        if gold and not right:
            self.missed.append(label)

    def __iadd__(self, other):
        self.proposed += other.proposed
        self.gold += other.gold
        self.right += other.right
        self.wrong += other.wrong
        self.missed += other.missed
        return self

    @property
    def precision(self):
        return self.right / self.proposed if self.proposed else 1.0

    @property
    def recall(self):
        return self.right / self.gold if self.gold else 1.0

    def __str__(self):
        return (
            f"precision {self.precision:.0%} ({self.right}/{self.proposed}), "
            f"recall {self.recall:.0%} ({self.right}/{self.gold})"
        )


def _numbers(text):
    return re.findall(r"\d+(?:\.\d+)?", str(text))


def _words(text):
    return {w for w in re.findall(r"[\w-]+", text.lower()) if len(w) > 3}


def _empty(value):
    return value in (None, "")


def field_right(name, proposed, gold):
    if _empty(proposed) or _empty(gold):
        return False
    if name == "primary_endpoint":
        return str(gold).lower().startswith(str(proposed).lower())
    if name == "result":
        numbers = _numbers(proposed)
        return bool(numbers) and set(numbers) <= set(_numbers(gold))
    return str(proposed).lower() == str(gold).lower()


def score_drugs(suggestions, gold):
    score = Score()
    found = {drug.generic_name: drug for drug in suggestions.drugs.found}
    for name in set(found) | set(gold["drugs"]):
        score.add(proposed=name in found, gold=name in gold["drugs"],
                  right=name in found and name in gold["drugs"], label=f"drug {name}")  # fmt: skip
    tags = set(suggestions.drugs.tags) - set(found)
    gold_tags = set(gold["tags"]) - set(gold["drugs"])
    for tag in tags | gold_tags:
        score.add(proposed=tag in tags, gold=tag in gold_tags,
                  right=tag in tags and tag in gold_tags, label=f"brand tag {tag}")  # fmt: skip
    proposed = {drug.generic_name: drug for drug in suggestions.drugs.proposed}
    for name, (brands, drug_class) in gold["drugs"].items():
        drug = proposed.get(name)
        if drug is None:
            continue
        for label, mine, theirs in [
            ("brands", drug.brand_names, brands),
            ("class", drug.drug_class, drug_class),
        ]:
            if _empty(theirs):
                continue
            score.add(proposed=not _empty(mine), gold=True,
                      right=mine.lower() == theirs.lower(), label=f"{name} {label}")  # fmt: skip
    return score


def score_trials(trials, gold_trials):
    score = Score()
    proposed = {trial.name.lower(): trial.fields for trial in trials}
    gold = {trial["name"].lower(): trial for trial in gold_trials}
    for name in set(proposed) | set(gold):
        mine, theirs = proposed.get(name, {}), gold.get(name, {})
        for field in SCORED_TRIAL_FIELDS:
            value, expected = mine.get(field), theirs.get(field)
            right = bool(mine) and bool(theirs) and field_right(field, value, expected)
            score.add(proposed=not _empty(value), gold=not _empty(expected), right=right,
                      label=f"{name} {field}: {value!r} / {expected!r}")  # fmt: skip
    return score


def _date_agrees(parts, gold_parts):
    if not parts or parts[0] is None or parts[1] is None:
        return False
    return all(a == b for a, b in zip(parts, gold_parts, strict=True) if None not in (a, b))


def score_milestones(milestones, gold_milestones):
    score = Score()
    unmatched = list(gold_milestones)
    for event in milestones:
        key = (event.drug, event.agency, event.decision)
        candidates = [gold for gold in unmatched if gold[:3] == key]
        candidates.sort(
            key=lambda g: (
                not _date_agrees(event.date_parts, g[3]),
                -len(_words(event.indication) & _words(g[4])),
            )
        )
        gold = candidates[0] if candidates else None
        if gold:
            unmatched.remove(gold)
        label = f"{key} {event.date_text} {event.indication!r}"
        score.add(proposed=True, gold=bool(gold), right=bool(gold), label=f"event {label}")
        date_right = bool(gold) and _date_agrees(event.date_parts, gold[3])
        score.add(proposed=bool(event.date_parts), gold=bool(gold), right=date_right,
                  label=f"date {label}")  # fmt: skip
        words = _words(event.indication)
        indication_right = (
            bool(gold) and bool(words) and len(words & _words(gold[4])) * 2 >= len(words)
        )
        score.add(proposed=bool(event.indication), gold=bool(gold), right=indication_right,
                  label=f"indication {label}")  # fmt: skip
    for gold in unmatched:
        for part in ("event", "date", "indication"):
            score.add(proposed=False, gold=True, right=False, label=f"{part} {gold[:4]}")
    return score


def score_article(suggestions, gold):
    return {
        "drugs": score_drugs(suggestions, gold),
        "trials": score_trials(suggestions.trials, gold["trials"]),
        "milestones": score_milestones(suggestions.milestones, gold["milestones"]),
    }


def gold_for(name):
    return seed_gold() if name == "seed" else GOLD[name]


ARTICLE_NAMES = ["seed", *GOLD]
DATE_OF_GOLD = date(2026, 12, 5)
