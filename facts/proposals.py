"""Trial, regulatory and takeaway proposals read from an article's text.

Pure functions: text in, proposals out, each fact with the sentence it came from, so
an editor can check it beside its source. Nothing here writes to the database; the
values are those of evidence.models.TrialSummary and drugs.models.RegulatoryMilestone.

The rules, in short:
- A trial name is a name such as TRuE-V1, KEYNOTE-716, OLYMPIA 2, SOLO 1, CheckMate 76K
  or BE HEARD I (capitals, then a number, a numeral or a hyphenated part; or two to four
  words in capitals), or Measure Up 1 (two or three capitalised words and a number, not
  "Phase 3" or "Week 16"), not an endpoint, agency or molecule, named at least once in a
  sentence about a trial or study.
- A sentence naming one trial speaks of it; a sentence naming none speaks of the trial
  named last, or of all the trials when it speaks of "trials", "both" or "each". A
  trial's own facts win over shared ones; a shared N is used only for a single trial.
- N is "n=330" beside the trial's name, or "enrolled/randomized 671 adults"; a sentence
  with several "n=" gives arm sizes, never N; in a sentence naming several trials, each
  name's N is the one between it and the next name.
- A comparator is active when a sentence compares (vs, compared, superior) two drugs.
- The primary endpoint is the first endpoint of a sentence saying "primary", otherwise
  the one the result sentence names. The result sentence holds percentages and an
  endpoint, "vs" or a word of response; its numbers are the result, its time point
  ("week 24", "12-month") the time point.
- A regulatory event is a clause naming an agency and a decision (approved, positive
  opinion, rejected); its date is "December 3, 2021", or "July 2022", which is proposed
  as that month (kept as the 1st with the precision "month", shown as "July 2022", never
  as a day the text does not give); a month alone, with no year, is no date; its
  indication follows "for", "to treat" or "such as"; its drug
  is the drug the clause names, else the sentence's, else the article's first drug.
  Events of one drug, agency and decision whose dates and indications agree are one;
  events of one sentence share the indication only one of them names.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from drugs.forms import MilestoneDate
from drugs.models import RegulatoryMilestone

from .drugs_found import find_drugs
from .text import citations, normal, sentences

# -- Trials -----------------------------------------------------------------------

NUMERAL = r"(?:\d{1,3}[A-Z]?|I{1,3}|IV|V|VI)"
NAME_RE = re.compile(
    rf"(?<![\w-])("
    rf"(?:[A-Z]{{2,}} ){{1,3}}[A-Z]{{2,}}(?: {NUMERAL})?"
    rf"|[A-Z][A-Za-z]*[A-Z][A-Za-z]*\d*(?:-[A-Za-z]*\d+[A-Za-z]?|-[A-Z][A-Za-z]*\d*)?"
    rf"(?: {NUMERAL})?"
    rf")(?![\w-])"
)
_STOP = (
    "AAD AD AE AEs AK BCC BID BSA CD CHMP CI COVID CSCC cSCC CTLA DLQI DNA DO EADV EASI "
    "EC EFS EMA EU FAAD FDA HIV HR HS HSV HiSCR IGA II III IIB IIC IL IV JAK JAMA LAG MD "
    "MEK BRAF MHRA MRI NB NCT NEJM NRS OR ORR OS PASI PD PDE PFS PGA PHD PhD PMDA PP PUVA "
    "QD RFS RNA SALT SCC SOC TEAE TGA TNF TYK UCB UK US USA UV UVA UVB VNS VSI WI sPGA "
    "ADA AEs CMPH RCT"
)
STOP_WORDS = set(_STOP.split())
# "Measure Up 1": two or three capitalised words and a number, leading small words aside.
TITLE_NAME_RE = re.compile(r"(?<![\w-])((?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+ \d{1,2})(?![\w-])")
LEADING_WORDS = {
    "A", "An", "And", "As", "At", "After", "Before", "Both", "By", "During", "Each", "For",
    "From", "In", "Of", "On", "The", "To", "With",
}  # fmt: skip
TITLE_STOP = {"Phase", "Week", "Weeks", "Month", "Months", "Day", "Grade", "Stage", "Type"}
TITLE_STOP |= {"Table", "Figure", "Part", "Cohort", "Level", "Arm", "Study", "Trial", "Year"}
TRIAL_WORD_RE = re.compile(r"\b(?:trials?|stud(?:y|ies|ied))\b", re.IGNORECASE)
PLURAL_RE = re.compile(r"\b(?:trials|studies|both|each)\b", re.IGNORECASE)

NCT_RE = re.compile(r"\bNCT\d{8}\b")
PHASE_RE = re.compile(r"\bphase\s*(1/2|2/3|[1-4][ab]?|I{1,3}|IV)\b", re.IGNORECASE)
PHASES = {"1": "1", "I": "1", "1/2": "1/2", "2": "2", "II": "2", "2/3": "2/3", "3": "3"}
PHASES.update({"III": "3", "4": "4", "IV": "4"})
RATIO_RE = re.compile(r"(?<![\d:.])(\d{1,2}(?::\d{1,2})+)(?![\d:])")
ALLOCATION_RE = re.compile(r"randomi[sz]|ratio|allocat|assign", re.IGNORECASE)
N_RE = re.compile(r"\bn\s*=\s*(\d[\d,]*)", re.IGNORECASE)
ENROLLED_RE = re.compile(
    r"\b(?:enrolled|randomi[sz]ed|involved|included|recruited)\s+(\d[\d,]*)\s+"
    r"(?:\w+\s+){0,2}?(?:patients|participants|adults|adolescents|children|people|subjects)",
    re.IGNORECASE,
)
ENDPOINT_RE = re.compile(
    r"(?<![\w-])(?:"
    r"(?P<iga>vIGA-AD|IGA|sPGA|PGA)\)?(?:\s+(?:score\s+)?(?:of\s+)?(?P<clear>0\s*(?:/|or)\s*1))?"
    r"|(?P<scale>EASI|PASI|F-VSI|T-VSI|SALT|HiSCR|NAPSI)(?:[- ]?(?P<level>\d{2,3}))?"
    r"|(?P<nrs>PP-NRS|WI-NRS|P-NRS|NRS)(?:\s+(?:improvement\s+)?(?P<cut>(?:≥|>=)\s*\d+))?"
    r"|(?P<survival>(?:recurrence|relapse|event|progression|distant metastasis)-free survival"
    r"|overall survival|objective response rate)"
    r")(?![\w-])",
    re.IGNORECASE,
)
PERCENT_RE = re.compile(r"(\d+(?:\.\d+)?)\s?%")
HAZARD_RE = re.compile(r"hazard ratio[,:]?\s*(?:of\s+)?(\d+\.\d+)|\bHR[,:]?\s*(\d+\.\d+)", re.I)
RESULT_WORD_RE = re.compile(
    r"\b(?:vs|versus|compared|improvement|response|achieved|reached|clear)\b", re.IGNORECASE
)
NOT_RESULT_RE = re.compile(r"adverse|side effect|safety|surface area|at least", re.IGNORECASE)
SAFETY_RE = re.compile(r"adverse (?:events?|reactions?)|side effects?", re.IGNORECASE)
TIME_RE = re.compile(r"\b(?:(week|month)s?\s+(\d{1,3})|(\d{1,3})[- ](week|month))\b", re.IGNORECASE)
COMPARISON_RE = re.compile(r"\b(?:vs|versus|compared|superior|than)\b", re.IGNORECASE)
SEGMENT_N_RE = re.compile(
    r"\b(?:enrolled|randomi[sz]ed|included|recruited)\s+(\d[\d,]*)|\bn\s*=\s*(\d[\d,]*)", re.I
)
SAME_TIME_RE = re.compile(r"\bsame time\b", re.IGNORECASE)
BLINDING = [
    (re.compile(r"\bdouble[- ]blind", re.I), "double"),
    (re.compile(r"\btriple[- ]blind", re.I), "triple"),
    (re.compile(r"\bsingle[- ]blind", re.I), "single"),
    (re.compile(r"\bopen[- ]label", re.I), "open"),
]


@dataclass
class Fact:
    value: object
    sentence: str


@dataclass
class TrialProposal:
    name: str
    facts: dict[str, Fact] = field(default_factory=dict)

    @property
    def fields(self):
        """The TrialSummary fields proposed, by name."""
        return {"name": self.name} | {name: fact.value for name, fact in self.facts.items()}

    def offer(self, name, value, sentence):
        if value not in (None, "") and name not in self.facts:
            self.facts[name] = Fact(value, sentence)


def trial_names(all_sentences):
    """Trial names in order of first mention."""
    candidates, in_context = [], set()
    for sentence in all_sentences:
        for match in TITLE_NAME_RE.finditer(sentence):
            words = match.group(1).split()
            while words and words[0] in LEADING_WORDS:
                words.pop(0)
            if len(words) < 3 or set(words) & TITLE_STOP:
                continue
            name = " ".join(words)
            if name not in candidates:
                candidates.append(name)
            if TRIAL_WORD_RE.search(sentence):
                in_context.add(name)
        for match in NAME_RE.finditer(sentence):
            name = match.group(1)
            words = re.split(r"[ -]", name)
            if any(word in STOP_WORDS or word.startswith("NCT") for word in words):
                continue
            # Capitals alone need a number, a hyphenated part, a second word, or "trial".
            after = sentence[match.end() :]
            if not (" " in name or "-" in name or re.match(r"\s+(?:trial|study)\b", after)):
                continue
            if name not in candidates:
                candidates.append(name)
            if TRIAL_WORD_RE.search(sentence):
                in_context.add(name)
    return [name for name in candidates if name in in_context]


def endpoint_name(match):
    if match.group("iga"):
        return f"{match.group('iga')} 0/1" if match.group("clear") else match.group("iga")
    if match.group("scale"):
        scale, level = match.group("scale"), match.group("level")
        if not level:
            return scale
        glue = match.group(0)[len(scale)] if len(match.group(0)) > len(scale) else ""
        return f"{scale}{glue if glue in '- ' else ''}{level}"
    if match.group("nrs"):
        cut = match.group("cut")
        return (
            f"{match.group('nrs')} {cut.replace('>=', '≥').replace(' ', '')}"
            if cut
            else (match.group("nrs"))
        )
    return match.group("survival").lower()


def endpoints(sentence):
    found = [endpoint_name(m) for m in ENDPOINT_RE.finditer(sentence)]
    # "F-VSI/F-VSI75": the named level wins over the bare scale.
    return sorted(dict.fromkeys(found), key=lambda e: (not any(c.isdigit() for c in e),))


def time_point(sentence):
    match = TIME_RE.search(sentence)
    if not match:
        return ""
    unit = (match.group(1) or match.group(4)).capitalize()
    return f"{unit} {match.group(2) or match.group(3)}"


def result_text(sentence, endpoint=""):
    """The percentages (and hazard ratio) of a result; after the endpoint's mention and
    before the next endpoint's, when the sentence names several (a table row)."""
    marks = [(m.start(), m.end(), endpoint_name(m)) for m in ENDPOINT_RE.finditer(sentence)]
    own = [i for i, mark in enumerate(marks) if mark[2] == endpoint]
    if own:
        # From the end of the endpoint before it to the start of the one after it.
        before = [mark[1] for mark in marks[: own[0]] if mark[2] != endpoint]
        later = [mark[0] for mark in marks[own[0] + 1 :] if mark[2] != endpoint]
        sentence = sentence[before[-1] if before else 0 : later[0] if later else len(sentence)]
    numbers = [f"{value}%" for value in PERCENT_RE.findall(sentence)]
    text = " vs ".join(numbers)
    hazard = HAZARD_RE.search(sentence)
    if hazard:
        text += f" (HR {hazard.group(1) or hazard.group(2)})"
    return text.strip()


def design_facts(proposal, sentence, *, shared, names=None):
    """What a sentence says of a trial's design."""
    nct = NCT_RE.findall(sentence)
    if len(nct) == 1:
        proposal.offer("nct_number", nct[0], sentence)
    phase = PHASE_RE.search(sentence)
    if phase:
        value = phase.group(1).upper().rstrip("AB")
        proposal.offer("phase", PHASES.get(value, ""), sentence)
    if re.search(r"\bnon-?randomi[sz]ed\b", sentence, re.I):
        proposal.offer("randomised", False, sentence)
    elif re.search(r"\brandomi[sz]", sentence, re.I):
        proposal.offer("randomised", True, sentence)
    if ALLOCATION_RE.search(sentence):
        ratio = RATIO_RE.search(sentence)
        if ratio:
            proposal.offer("allocation_ratio", ratio.group(1), sentence)
            # Patients allotted in a ratio were randomised.
            proposal.offer("randomised", True, sentence)
    for pattern, value in BLINDING:
        if pattern.search(sentence):
            proposal.offer("blinding", value, sentence)
            break
    drugs = {d.generic_name for d in find_drugs(sentence, names)} if names else set()
    if re.search(r"\bvehicle\b|\bcontrol (?:cream|ointment|gel|foam|lotion)\b", sentence, re.I):
        proposal.offer("control", "vehicle", sentence)
    elif re.search(r"\bplacebo\b", sentence, re.I):
        proposal.offer("control", "placebo", sentence)
    elif (len(drugs) >= 2 and COMPARISON_RE.search(sentence)) or re.search(
        r"\bactive[- ]control|non-?inferior to", sentence, re.I
    ):
        proposal.offer("control", "active", sentence)
    n_values = N_RE.findall(sentence)
    if not shared and len(n_values) == 1:
        proposal.offer("participants", int(n_values[0].replace(",", "")), sentence)
    enrolled = ENROLLED_RE.search(sentence)
    if enrolled and not shared:
        proposal.offer("participants", int(enrolled.group(1).replace(",", "")), sentence)
    if re.search(r"\bprimary\b", sentence, re.I):
        named = endpoints(sentence)
        if named:
            proposal.offer("primary_endpoint", named[0], sentence)
            proposal.offer("time_point", time_point(sentence), sentence)
    if SAFETY_RE.search(sentence):
        proposal.offer("safety", sentence, sentence)


def segment_facts(own, named, sentence):
    """ "ADvocate 1 (NCT04146363) enrolled 424 patients and ADvocate 2 (NCT04178967)
    enrolled 427": each name's N and NCT number are those between it and the next name."""
    places = sorted(
        (m.start(), m.end(), name)
        for name in named
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence)
    )
    for index, (_, end, name) in enumerate(places):
        stop = places[index + 1][0] if index + 1 < len(places) else len(sentence)
        sizes = SEGMENT_N_RE.findall(sentence[end:stop])
        if len(sizes) == 1:
            value = sizes[0][0] or sizes[0][1]
            own[name].offer("participants", int(value.replace(",", "")), sentence)
        nct = NCT_RE.findall(sentence[end:stop])
        if len(nct) == 1:
            own[name].offer("nct_number", nct[0], sentence)


def is_result(sentence):
    if not PERCENT_RE.search(sentence) or NOT_RESULT_RE.search(sentence):
        return False
    return bool(endpoints(sentence) or RESULT_WORD_RE.search(sentence))


def propose_trials(text, drug_names=None, *, main_drug="", references=()):
    """[TrialProposal] for every trial the text names, in order of first mention;
    ``drug_names`` (drugs_found.catalogue) tells the drugs of the arms, ``main_drug``
    is the article's (the intervention when a trial names none), ``references`` the
    article's [(number, citation)], which a trial's source may be."""
    all_sentences = sentences(normal(text))
    names = trial_names(all_sentences)
    if not names:
        return []
    own = {name: TrialProposal(name) for name in names}
    shared = TrialProposal("")
    results = {name: [] for name in names}
    about = {name: [] for name in names}
    about_all = []
    context = None
    for sentence in all_sentences:
        named = [
            name for name in names if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence)
        ]
        if len(named) == 1:
            context = named[0]
        elif named or PLURAL_RE.search(sentence):
            context = None
        if len(names) == 1:
            context = names[0]
        if len(named) > 1:
            segment_facts(own, named, sentence)
        if context is None:
            design_facts(shared, sentence, shared=True, names=drug_names)
            about_all.append(sentence)
        else:
            design_facts(own[context], sentence, shared=False, names=drug_names)
            about[context].append(sentence)
            if is_result(sentence):
                results[context].append(sentence)
    cited = citations(text)
    proposals = []
    previous = None
    for name in names:
        proposal = own[name]
        for key, fact in shared.facts.items():
            if key != "participants" or len(names) == 1:
                proposal.offer(key, fact.value, fact.sentence)
        choose_result(proposal, results[name], previous)
        arm_facts(proposal, about[name], about_all, drug_names or [], main_drug, all_sentences)
        source_reference(proposal, references, about[name] + about_all, cited, names)
        proposals.append(proposal)
        previous = proposal
    return proposals


# -- Arms: intervention, comparator, condition ------------------------------------------

DOSE = r"\d+(?:\.\d+)?(?:\s?%|\s?(?:mg/kg|mg|mcg|µg|μg)\b)"
FORMS = (
    r"cream|ointment|foam|gel|lotion|solution|shampoo|spray|tablets?|capsules?|injection"
    r"|prefilled (?:syringe|pen)"
)
TOPICAL_FORMS = {"cream", "ointment", "foam", "gel", "lotion", "solution", "shampoo", "spray"}
SCHEDULE_RE = re.compile(
    r"\b(?:(?:once|twice|three times)[- ](?:daily|weekly|a day|a week)"
    r"|every (?:\d+ )?(?:day|week|month)s?)\b",
    re.IGNORECASE,
)
CONTROL_WORD_RE = re.compile(r"\b(?:vehicle|placebo|control)\b", re.IGNORECASE)
DISEASE = (
    r"(?:atopic |contact |seborrheic )?dermatitis|psoriasis|psoriatic arthritis|vitiligo"
    r"|melanoma|carcinoma|eczema|alopecia areata|alopecia|acne(?: vulgaris)?|rosacea"
    r"|hidradenitis suppurativa|prurigo nodularis|urticaria|pemphigus|pemphigoid"
    r"|keratos[ie]s|melasma|lupus(?: erythematosus)?|pruritus|ichthyosis|hyperhidrosis"
    r"|epidermolysis bullosa|lichen planus|onychomycosis"
)
SITE = r"(?:scalp|face|body|trunk|hands?|feet|nails?|extremities)"
CONDITION_RE = re.compile(
    rf"\b(?:patients|adults|adolescents|children|participants|people)\b[^.;]{{0,40}}?"
    rf"\bwith ((?:[\w-]+,? ){{0,7}}?(?:{DISEASE})(?: of the {SITE}(?: and (?:the )?{SITE})?)?)\b",
    re.IGNORECASE,
)


def is_regulatory(sentence):
    """A sentence reporting an agency's decision: its facts are the label's, its
    citation the decision's source, not a trial's."""
    return any(p.search(sentence) for _, p in AGENCIES) and any(
        p.search(sentence) for _, p in DECISIONS
    )


def naming(name, all_sentences):
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    return [sentence for sentence in all_sentences if pattern.search(sentence)]


def trial_drug(sentences_naming_it, names, main_drug):
    """The article's drug when the sentences naming the trial name it, else the first
    drug they name ("Nivolumab was studied in CheckMate 76K"), else the article's."""
    named = [d.generic_name for s in sentences_naming_it for d in find_drugs(s, names)]
    if main_drug and main_drug.lower() in {name.lower() for name in named}:
        return main_drug
    return named[0] if named else main_drug


def _names_of(drug, names):
    spelled = {n.text for n in names if n.generic_name.lower() == drug.lower()} | {drug}
    return "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(spelled, key=len)[::-1])


@dataclass
class Dose:
    doses: list
    form: str
    schedule: str

    def text(self):
        parts = [" or ".join(self.doses), self.form, self.schedule]
        return " ".join(part for part in parts if part)


def dose_of(drug, sentence, names):
    """Dose, form and schedule of ``drug`` in a sentence: "1.5% ruxolitinib cream ... at a
    twice-daily rate", "tapinarof 1% cream or vehicle once daily", "upadacitinib 15 mg,
    upadacitinib 30 mg or placebo once daily", "roflumilast foam 0.3%"; None without a
    dose. The schedule is the first after the dose, else one just before the drug."""
    name = _names_of(drug, names)
    pattern = re.compile(
        rf"(?P<d1>{DOSE})\s+(?:{name})(?:\s+(?P<f1>{FORMS}))?\b"
        rf"|(?<![\w-])(?:{name})\s+(?:(?P<f3>{FORMS})\s+(?P<d3>{DOSE})"
        rf"|(?P<d2>{DOSE})(?:\s+(?P<f2>{FORMS}))?\b)",
        re.IGNORECASE,
    )
    matches = list(pattern.finditer(sentence))
    if not matches:
        return None
    doses, form = [], ""
    for match in matches:
        dose = " ".join((match["d1"] or match["d2"] or match["d3"]).split())
        dose = re.sub(r"(\d)(mg|mcg|µg|μg)", r"\1 \2", dose).replace(" %", "%")
        if dose not in doses:
            doses.append(dose)
        form = form or (match["f1"] or match["f2"] or match["f3"] or "").lower()
    after = SCHEDULE_RE.search(sentence, matches[0].end())
    before = re.search(rf"({SCHEDULE_RE.pattern})\s+$", sentence[: matches[0].start()], re.I)
    schedule = (after or before).group(0) if (after or before) else ""
    schedule = re.sub(r"\s+$", "", schedule.lower().replace("-", " "))
    return Dose(doses, form, schedule)


def formulation_of(drug, text, names):
    """ "1.5% cream": the first strength and form of ``drug`` the text gives, else ""."""
    for sentence in sentences(normal(text)):
        dose = dose_of(drug, sentence, names)
        if dose and dose.form:
            return f"{dose.doses[0]} {dose.form}"
    return ""


def _capital(text):
    return text[:1].upper() + text[1:]


def control_schedule(sentences_of_trial):
    """(schedule, sentence) of "or placebo every 3 weeks", "or the control treatment at a
    twice-daily rate"; ("", None) when no sentence gives the control one."""
    for sentence in sentences_of_trial:
        for match in CONTROL_WORD_RE.finditer(sentence):
            schedule = SCHEDULE_RE.search(sentence[match.end() : match.end() + 40])
            if schedule:
                return schedule.group(0).lower().replace("-", " "), sentence
    return "", None


def reported_schedule(drug, sentences_of_trial, names):
    """ "38% with dupilumab every 2 weeks vs 10%": the arm whose result is reported."""
    pattern = re.compile(
        rf"(?<![\w-])(?:{_names_of(drug, names)})\s+({SCHEDULE_RE.pattern})", re.IGNORECASE
    )
    for sentence in sentences_of_trial:
        match = pattern.search(sentence)
        if match and is_result(sentence):
            return match.group(1).lower().replace("-", " ")
    return ""


def arm_facts(proposal, own_sentences, shared_sentences, names, main_drug, all_sentences):
    """Intervention (the trial's drug, its dose, form and schedule), comparator (vehicle
    or placebo with the form and schedule the text gives them, or the other drug
    compared) and condition ("patients with non-segmental vitiligo": the most specific
    one) from the sentences about the trial, its own first; regulatory sentences aside."""
    own = [s for s in own_sentences if not is_regulatory(s)]
    shared = [s for s in shared_sentences if not is_regulatory(s)]
    drug = trial_drug(naming(proposal.name, all_sentences), names, main_drug)
    if not drug:
        return
    doses = [(dose_of(drug, s, names), s) for s in own + shared]
    doses = [(dose, s) for dose, s in doses if dose]
    doses.sort(key=lambda pair: not pair[0].schedule)
    dose, sentence = doses[0] if doses else (None, own[0] if own else "")
    reported = reported_schedule(drug, own + shared, names)
    if dose and reported and reported in sentence.lower().replace("-", " "):
        # Several arms of one drug ("every week, ... every 2 weeks"): the reported one.
        dose.schedule = reported
    if dose:
        proposal.offer("intervention", _capital(f"{drug} {dose.text()}"), sentence)
    else:
        proposal.offer("intervention", _capital(drug), proposal.name)
    control = proposal.facts.get("control")
    if control and control.value in ("vehicle", "placebo"):
        # "Vehicle cream": the vehicle has the drug's topical form; a placebo is named alone.
        topical = dose and dose.form in TOPICAL_FORMS and control.value == "vehicle"
        schedule, source = control_schedule(own + shared)
        words = [_capital(control.value), dose.form if topical else "", schedule]
        proposal.offer("comparator", " ".join(w for w in words if w), source or control.sentence)
    elif control and control.value == "active":
        others = [d.generic_name for d in find_drugs(control.sentence, names)]
        others = [other for other in others if other.lower() != drug.lower()]
        if others:
            proposal.offer("comparator", _capital(others[0]), control.sentence)
    found = None
    for sentence in own + shared:
        for match in CONDITION_RE.finditer(sentence):
            condition = match.group(1).strip(" ,")
            if found is None or found[0].lower() in condition.lower():
                found = (condition, sentence)
    if found:
        proposal.offer("condition", _capital(found[0]), found[1])


def source_reference(proposal, references, sentences_of_trial, cited, trial_names_):
    """The reference whose citation names the trial; else the first one cited in a
    sentence about it (its own first), regulatory sentences aside; else a report of
    trials of its drug ("Phase 3 Trials of Tapinarof Cream ...") naming no other trial."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(proposal.name)}(?![\w-])")
    for number, citation in references:
        if pattern.search(citation):
            proposal.offer("reference", number, citation)
            return
    numbers = {number for number, _ in references}
    for sentence in sentences_of_trial:
        if is_regulatory(sentence):
            continue
        for number in cited.get(sentence, []):
            if number in numbers:
                proposal.offer("reference", number, sentence)
                return
    intervention = proposal.facts.get("intervention")
    drug = intervention.value.split()[0].lower() if intervention else ""
    others = [name for name in trial_names_ if name != proposal.name]
    for number, citation in references:
        if (
            drug
            and drug in citation.lower()
            and TRIAL_WORD_RE.search(citation)
            and not any(naming(other, [citation]) for other in others)
        ):
            proposal.offer("reference", number, citation)
            return


def choose_result(proposal, candidates, previous):
    """The result sentence: one naming the primary endpoint, else any endpoint, else the
    first; its numbers, endpoint and time point."""
    if not candidates:
        return
    primary = proposal.facts.get("primary_endpoint")
    ranked = sorted(
        candidates,
        key=lambda s: (
            not (primary and primary.value in endpoints(s)),
            not endpoints(s),
        ),
    )
    sentence = ranked[0]
    named = endpoints(sentence)
    if named:
        proposal.offer("primary_endpoint", named[0], sentence)
    endpoint = (
        proposal.facts["primary_endpoint"].value if "primary_endpoint" in proposal.facts else ""
    )
    proposal.offer("result", result_text(sentence, endpoint), sentence)
    when = time_point(sentence)
    if when:
        proposal.facts["time_point"] = Fact(when, sentence)
    elif SAME_TIME_RE.search(sentence) and previous and "time_point" in previous.facts:
        proposal.offer("time_point", previous.facts["time_point"].value, sentence)
    if previous and "primary_endpoint" not in proposal.facts and "similar" in sentence:
        fact = previous.facts.get("primary_endpoint")
        if fact:
            proposal.offer("primary_endpoint", fact.value, sentence)


# -- Regulatory events ----------------------------------------------------------------

MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
]  # fmt: skip
MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
DATE_RE = re.compile(rf"\b{MONTH}(?:\s+(\d{{1,2}}),)?\s+(\d{{4}})\b")
AGENCIES = [
    ("ema", re.compile(
        r"\bCHMP\b|Committee for Medicinal Products|European Commission|\bEMA\b"
        r"|European Medicines Agency"
    )),
    ("fda", re.compile(r"\bFDA\b|Food and Drug Administration")),
    ("health-canada", re.compile(r"Health Canada")),
    ("mhra", re.compile(r"\bMHRA\b")),
    ("pmda", re.compile(r"\bPMDA\b|Japan(?:ese)? Ministry of Health")),
    ("tga", re.compile(r"\bTGA\b|Therapeutic Goods Administration")),
]  # fmt: skip
DECISIONS = [
    ("chmp-positive", re.compile(r"positive\s+(?:CHMP\s+)?opinion", re.I)),
    ("rejection", re.compile(r"\breject|complete response letter|negative opinion", re.I)),
    ("label-expansion", re.compile(r"expand\w*\s+(?:the\s+)?(?:label|indication)", re.I)),
    ("approval", re.compile(r"\bapprov(?:ed|es|al)\b|\b(?:FDA|EMA)-approved\b", re.I)),
]
INDICATION_RE = re.compile(
    r"\b(?:for|to treat|such as)\s+(?:the\s+)?(?:(?:adjuvant\s+)?treatment\s+of\s+|use\s+in\s+)?"
    r"(.+?)(?=[.;,]\s|[.;]?$| in (?:the )?(?:European|EU|US|United)|, (?:UCB|which|when)"
    r"| such as | after )"
)
CLAUSE_SPLIT_RE = re.compile(r";\s+|,\s+and\s+(?=the\s)")


Precision = RegulatoryMilestone.Precision


@dataclass
class MilestoneProposal:
    drug: str
    agency: str
    decision: str
    # (year, month, day or None); None when the text gives no year.
    date_parts: tuple | None
    indication: str
    sentence: str

    @property
    def date_text(self):
        if not self.date_parts:
            return ""
        year, month, day = self.date_parts
        return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")

    @property
    def when(self):
        """The MilestoneDate: the day, or the month when the text gives no day; None
        when it gives no year."""
        if not self.date_parts:
            return None
        year, month, day = self.date_parts
        if day is None:
            return MilestoneDate(date(year, month, 1), Precision.MONTH)
        return MilestoneDate(date(year, month, day), Precision.DAY)

    @property
    def fields(self):
        """The RegulatoryMilestone fields proposed (the date as drugs.forms reads it)."""
        return {
            "agency": self.agency,
            "decision": self.decision,
            "date": self.when,
            "indication": self.indication,
        }


AGENCY_NAME_RE = re.compile(
    r"(?:European Medicines Agency\s+(?:\(EMA\)\s+)?)?Committee for Medicinal Products for "
    r"Human Use(?:\s+\((?:CHMP|CMPH)\))?|(?:U\.?S\.? )?Food and Drug Administration"
)


def indication_of(clause):
    clause = AGENCY_NAME_RE.sub("the agency", clause)
    matches = [m.group(1).strip() for m in INDICATION_RE.finditer(clause)]
    # The last "for ..." of the clause is the disease ("the use of X in July 2022, when it
    # became the first treatment for non-segmental vitiligo").
    useful = [m for m in matches if not re.match(r"(?:the\s+)?(?:use|first|human)\b", m, re.I)]
    return useful[-1] if useful else ""


def date_of(clause):
    match = DATE_RE.search(clause)
    if not match:
        return None
    month = MONTHS.index(match.group(1).lower()) + 1
    return (int(match.group(3)), month, int(match.group(2)) if match.group(2) else None)


def propose_milestones(text, names, *, main_drug=""):
    """[MilestoneProposal] for the regulatory events the text reports."""
    proposals = []
    for sentence in sentences(normal(text)):
        events = []
        for clause in CLAUSE_SPLIT_RE.split(sentence):
            agency = next((code for code, p in AGENCIES if p.search(clause)), None)
            decision = next((code for code, p in DECISIONS if p.search(clause)), None)
            if agency is None or decision is None:
                continue
            if decision == "chmp-positive":
                agency = "ema"
            drugs = find_drugs(clause, names) or find_drugs(sentence, names)
            drug = drugs[0].generic_name if drugs else main_drug
            if not drug:
                continue
            events.append(
                MilestoneProposal(
                    drug, agency, decision, date_of(clause), indication_of(clause), sentence
                )
            )
        # Events of one sentence share the indication when only one of them names it.
        named = {event.indication for event in events if event.indication}
        for event in events:
            if not event.indication and len(named) == 1:
                event.indication = next(iter(named))
            merge(proposals, event)
    return proposals


def _words(text):
    return {w for w in re.findall(r"[\w-]+", text.lower()) if len(w) > 3}


def _agree(a, b):
    if a is None or b is None:
        return True
    return all(x == y for x, y in zip(a, b, strict=True) if x is not None and y is not None)


def merge(proposals, new):
    for old in proposals:
        same = (old.drug, old.agency, old.decision) == (new.drug, new.agency, new.decision)
        if not (same and _agree(old.date_parts, new.date_parts)):
            continue
        if (
            old.indication
            and new.indication
            and not _words(old.indication) & _words(new.indication)
        ):
            continue
        more_precise = not old.date_parts or (
            None in old.date_parts and new.date_parts and None not in new.date_parts
        )
        if new.date_parts and more_precise:
            old.date_parts = new.date_parts
        if len(new.indication) > len(old.indication) and not old.indication:
            old.indication = new.indication
        return
    proposals.append(new)


# -- Key takeaways -------------------------------------------------------------------


def propose_takeaways(*, deck, trials, limit=5):
    """The deck, then each trial's result sentence: at most ``limit`` lines."""
    lines = [" ".join(deck.split())] if deck.strip() else []
    for trial in trials:
        fact = trial.facts.get("result")
        if fact and fact.sentence not in lines:
            lines.append(fact.sentence)
    return lines[:limit]
