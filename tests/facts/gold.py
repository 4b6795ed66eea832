"""Hand-labelled facts of the seed and of the test articles, and how proposals are scored.

The seed's gold standard is what the demo used to hard-code for it (demo/drugs.py,
demo/trials.py and its drug tags, removed when load_demo began to take the seed's facts
from the proposals): it holds facts the seed's text does not give (the NCT numbers from
ClinicalTrials.gov, the exact days of the decisions, the atopic dermatitis approval's
date), which no proposal can reach; they count as missed. The test articles' facts were
labelled by hand from their text, as an editor would fill the evidence table.

Scoring, fact by fact:
- drugs: each generic name and each brand found (tags), and each proposed drug's
  brands, class and formulation against the gold drug's (where the gold has one);
- trials: a row is matched by its name; each of SCORED_TRIAL_FIELDS is a fact. A
  primary endpoint is right when the gold one starts with it ("F-VSI75" of "F-VSI75
  (75% improvement ...)"); a result when it has numbers and all of them are the gold
  result's; an intervention, comparator or condition when it is the gold one (or one
  of the gold's alternatives, a tuple), case, hyphens and a part in parentheses aside;
  anything else when equal (case aside). Fields of an unmatched row are all wrong, or
  all missed;
- milestones: matched by drug, agency and decision (and the closest date); the event
  itself, its date (right when its known parts agree with the gold date) and its
  indication (right when at least half its words are the gold's) are facts.
Precision: right facts / proposed facts. Recall: right facts / gold facts.
"""

import re
from datetime import date

SCORED_TRIAL_FIELDS = [
    "name",
    "nct_number",
    "phase",
    "randomised",
    "allocation_ratio",
    "blinding",
    "control",
    "participants",
    "intervention",
    "comparator",
    "condition",
    "primary_endpoint",
    "time_point",
    "result",
    "reference",
]
TEXT_FIELDS = {"intervention", "comparator", "condition"}

# What demo/trials.py gave both seed trials, as the article describes them.
_SEED_DESIGN = {
    "phase": "3",
    "randomised": True,
    "allocation_ratio": "2:1",
    "blinding": "double",
    "control": "vehicle",
    "condition": "Non-segmental vitiligo",
    "intervention": "Ruxolitinib 1.5% cream twice daily",
    "comparator": "Vehicle cream twice daily (ruxolitinib cream for all after week 24)",
    "primary_endpoint": "F-VSI75 (75% improvement in the Facial Vitiligo Area Scoring Index)",
    "time_point": "Week 24",
    "reference": 1,
}
SEED = {
    # demo/drugs.py's ruxolitinib; the drug names among load_demo's former SEED_TAGS.
    "drugs": {"ruxolitinib": ("Opzelura, Jakafi", "JAK1/JAK2 inhibitor", "1.5% cream")},
    "tags": ["ruxolitinib", "Opzelura"],
    "trials": [
        _SEED_DESIGN
        | {
            "name": "TRuE-V1",
            "nct_number": "NCT04052425",
            "participants": 330,
            "result": "F-VSI75 in nearly 30% of participants; ruxolitinib cream superior to "
            "vehicle",
        },
        _SEED_DESIGN
        | {
            "name": "TRuE-V2",
            "nct_number": "NCT04057573",
            "participants": 344,
            "result": "F-VSI75 in 31% of participants; ruxolitinib cream superior to vehicle",
        },
    ],
    "milestones": [
        (
            "ruxolitinib",
            "fda",
            "approval",
            (2021, 9, 21),
            "mild to moderate atopic dermatitis in non-immunocompromised patients 12 years "
            "and older (short-term, non-continuous use)",
        ),
        (
            "ruxolitinib",
            "fda",
            "approval",
            (2022, 7, 18),
            "non-segmental vitiligo in patients 12 years and older",
        ),
        (
            "ruxolitinib",
            "ema",
            "chmp-positive",
            (2023, 2, 23),
            "non-segmental vitiligo with facial involvement in adults and adolescents "
            "from 12 years of age",
        ),
    ],
}


def _design(**fields):
    base = {"phase": "3", "randomised": True, "blinding": "double"}
    return base | fields


GOLD = {
    "dupilumab-solo1": {
        "drugs": {"dupilumab": ("Dupixent", "", ""), "clobetasol propionate": ("", "", "")},
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
                intervention="Dupilumab 300 mg every 2 weeks",
                comparator="Placebo",
                condition=("Moderate-to-severe atopic dermatitis", "Atopic dermatitis"),
                reference=1,
            )
        ],
        "milestones": [],
    },
    "bimekizumab-approval": {
        "drugs": {
            "bimekizumab": ("Bimzelx", "IL-17A and IL-17F inhibitor", ""),
            "ustekinumab": ("Stelara", "", ""),
            "adalimumab": ("Humira", "", ""),
        },
        "tags": ["bimekizumab", "Bimzelx", "ustekinumab", "Stelara", "adalimumab", "Humira"],
        "trials": [
            _design(
                name="BE READY",
                intervention="Bimekizumab",
                comparator="Placebo",
                condition=("Moderate-to-severe plaque psoriasis", "Plaque psoriasis"),
                reference=2,
                control="placebo",
                participants=435,
                primary_endpoint="PASI 90",
                time_point="Week 16",
                result="91% vs 1%",
            ),
            _design(
                name="BE VIVID",
                intervention="Bimekizumab",
                comparator="Ustekinumab",
                condition=("Moderate-to-severe plaque psoriasis", "Plaque psoriasis"),
                reference=None,
                control="active",
                participants=567,
                primary_endpoint="PASI 90",
                time_point="Week 16",
                result="85% vs 50%",
            ),
            _design(
                name="BE SURE",
                intervention="Bimekizumab",
                comparator="Adalimumab",
                condition=("Moderate-to-severe plaque psoriasis", "Plaque psoriasis"),
                reference=None,
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
        "drugs": {
            "pembrolizumab": ("Keytruda", "PD-1 inhibitor", ""),
            "nivolumab": ("Opdivo", "", ""),
        },
        "tags": ["pembrolizumab", "Keytruda", "nivolumab", "Opdivo"],
        "trials": [
            _design(
                name="KEYNOTE-716",
                intervention="Pembrolizumab 200 mg every 3 weeks",
                comparator=("Placebo every 3 weeks", "Placebo"),
                condition=(
                    "Completely resected stage IIB or IIC melanoma",
                    "Stage IIB or IIC melanoma",
                ),
                reference=1,
                nct_number="NCT03553836",
                allocation_ratio="1:1",
                control="placebo",
                participants=976,
                primary_endpoint="Recurrence-free survival",
                result="Recurrence or death in 11% vs 17% (hazard ratio 0.65)",
            ),
            {
                "name": "CheckMate 76K",
                "intervention": "Nivolumab",
                "comparator": "Placebo",
                "reference": 3,
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
            "tapinarof": ("Vtama", "aryl hydrocarbon receptor agonist", "1% cream"),
            "roflumilast": ("Zoryve, Daliresp", "PDE4 inhibitor", ""),
        },
        "tags": ["tapinarof", "Vtama", "roflumilast", "Zoryve"],
        "trials": [
            _design(
                name="PSOARING 1",
                intervention="Tapinarof 1% cream once daily",
                comparator=("Vehicle cream once daily", "Vehicle once daily"),
                condition=("Mild to severe plaque psoriasis", "Plaque psoriasis"),
                reference=1,
                allocation_ratio="2:1",
                control="vehicle",
                participants=510,
                primary_endpoint="PGA 0/1 with an improvement of at least 2 grades",
                time_point="Week 12",
                result="35.4% vs 6.0%",
            ),
            _design(
                name="PSOARING 2",
                intervention="Tapinarof 1% cream once daily",
                comparator=("Vehicle cream once daily", "Vehicle once daily"),
                condition=("Mild to severe plaque psoriasis", "Plaque psoriasis"),
                reference=1,
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
            "upadacitinib": ("Rinvoq", "JAK1 inhibitor", ""),
            "tofacitinib": ("Xeljanz", "JAK inhibitor", ""),
        },
        "tags": ["upadacitinib", "Rinvoq", "tofacitinib", "Xeljanz"],
        "trials": [
            _design(
                name="Measure Up 1",
                intervention="Upadacitinib 15 mg or 30 mg once daily",
                comparator=("Placebo once daily", "Placebo"),
                condition=("Moderate-to-severe atopic dermatitis", "Atopic dermatitis"),
                reference=1,
                allocation_ratio="1:1:1",
                control="placebo",
                participants=847,
                primary_endpoint="EASI-75",
                time_point="Week 16",
                result="EASI-75: 70% (15 mg) and 80% (30 mg) vs 16%",
            ),
            _design(
                name="Measure Up 2",
                intervention="Upadacitinib 15 mg or 30 mg once daily",
                comparator=("Placebo once daily", "Placebo"),
                condition=("Moderate-to-severe atopic dermatitis", "Atopic dermatitis"),
                reference=1,
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

# Written for the rules on interventions, comparators, conditions, formulations and
# source references, and labelled before those rules were. Before them, these two gave
# trials precision 97% (30/31), recall 67% (30/45) and drugs recall 89% (8/9); all the
# articles together trials 99% (144/145) and 70% (144/206). The rules were then written
# with every article in view, so none of them is held out any more.
HELD_OUT_2 = {
    "lebrikizumab-advocate": {
        "drugs": {"lebrikizumab": ("Ebglyss", "IL-13 inhibitor", "")},
        "tags": ["lebrikizumab", "Ebglyss"],
        "trials": [
            _design(
                name=name,
                nct_number=nct,
                allocation_ratio="2:1",
                control="placebo",
                participants=n,
                intervention="Lebrikizumab 250 mg every 2 weeks",
                comparator=("Placebo every 2 weeks", "Placebo"),
                condition="Moderate-to-severe atopic dermatitis",
                primary_endpoint="IGA 0/1 with a reduction of at least 2 points",
                time_point="Week 16",
                result=result,
                reference=2,
            )
            for name, nct, n, result in [
                ("ADvocate 1", "NCT04146363", 424, "43.1% vs 12.7%"),
                ("ADvocate 2", "NCT04178967", 427, "33.2% vs 10.8%"),
            ]
        ],
        "milestones": [
            (
                "lebrikizumab",
                "fda",
                "approval",
                (2024, 9, 13),
                "moderate-to-severe atopic dermatitis in adults and children 12 years and "
                "older who weigh at least 40 kg",
            ),
            (
                "lebrikizumab",
                "ema",
                "approval",
                (2023, 11, None),
                "moderate-to-severe atopic dermatitis in adults and adolescents",
            ),
        ],
    },
    "roflumilast-arrector": {
        "drugs": {"roflumilast": ("Zoryve, Daliresp", "PDE4 inhibitor", "0.3% foam")},
        "tags": ["roflumilast", "Zoryve"],
        "trials": [
            _design(
                name="ARRECTOR",
                nct_number="NCT05028582",
                allocation_ratio="2:1",
                control="vehicle",
                participants=432,
                intervention="Roflumilast 0.3% foam once daily",
                comparator="Vehicle foam once daily",
                condition="Plaque psoriasis of the scalp and body",
                primary_endpoint="Scalp IGA success (0 or 1 with a 2-grade improvement)",
                time_point="Week 8",
                result="66.4% vs 27.8%",
                reference=1,
            )
        ],
        "milestones": [
            (
                "roflumilast",
                "fda",
                "approval",
                (2025, 5, None),
                "plaque psoriasis of the scalp and body in patients 12 years and older",
            ),
        ],
    },
}
GOLD |= HELD_OUT_2


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


def _plain(text):
    """Case, hyphens and a part in parentheses aside: "Vehicle cream twice daily"."""
    text = re.sub(r"\s*\([^)]*\)", "", str(text)).replace("-", " ")
    return " ".join(text.lower().split())


def field_right(name, proposed, gold):
    if _empty(proposed) or _empty(gold):
        return False
    if name in TEXT_FIELDS:
        options = gold if isinstance(gold, tuple) else (gold,)
        return _plain(proposed) in {_plain(option) for option in options}
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
    for name, (brands, drug_class, formulation) in gold["drugs"].items():
        drug = proposed.get(name)
        if drug is None:
            continue
        for label, mine, theirs in [
            ("brands", drug.brand_names, brands),
            ("class", drug.drug_class, drug_class),
            ("formulation", drug.formulation, formulation),
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
    return SEED if name == "seed" else GOLD[name]


ARTICLE_NAMES = ["seed", *GOLD]
DATE_OF_GOLD = date(2026, 12, 5)
