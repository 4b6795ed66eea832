"""Reviewing an article's proposals: one form a proposal, built alike for the "Suggest
facts" page (views.py) and for accepting every proposal at once (``accept_all``, which
load_demo uses), so both save the same facts through ``services.save_accepted``.

What is already saved is not proposed again: a trial the evidence table names, a
milestone its drug page has (same agency and decision, dates agreeing), a drug page
that exists."""

from dataclasses import dataclass, field

from django import forms as django_forms
from django.core.exceptions import PermissionDenied

from articles import workflow
from drugs.models import Drug, RegulatoryMilestone

from .forms import DrugForm, MilestoneForm, TakeawaysForm, TrialForm
from .services import save_accepted, suggest_facts


def _saved_milestone(event):
    """Whether the drug page already has this event: same drug, agency and decision,
    and a date that agrees as far as both are known."""
    when = event.when
    saved = RegulatoryMilestone.objects.filter(
        drug__generic_name__iexact=event.drug, agency=event.agency, decision=event.decision
    )
    for milestone in saved:
        if when is None:
            return True
        if (milestone.date.year, milestone.date.month) != (when.day.year, when.day.month):
            continue
        if milestone.month_only or when.precision == RegulatoryMilestone.Precision.MONTH:
            return True
        if milestone.date == when.day:
            return True
    return False


def proposal_forms(article, data=None):
    """{"trials", "drugs", "milestones": [forms], "takeaways": form} for the article's
    proposals; bound to ``data`` when given (the page's POST)."""
    references = {reference.number: reference for reference in article.references.all()}
    suggestions = suggest_facts(
        headline=article.headline,
        deck=article.deck,
        body=article.body,
        references=[(number, reference.citation) for number, reference in references.items()],
    )
    in_table = {name.lower() for name in article.trials.values_list("name", flat=True)}
    trials = []
    for trial in suggestions.trials:
        if trial.name.lower() in in_table:
            continue
        initial = dict(trial.fields)
        # The proposal names its source by number; the form takes the article's reference.
        initial["reference"] = references.get(initial.pop("reference", None))
        trials.append(
            TrialForm(
                data,
                prefix=f"trial-{len(trials)}",
                initial=initial,
                article=article,
                sources=[fact.sentence for fact in trial.facts.values()],
            )
        )
    drugs = [
        DrugForm(
            data,
            prefix=f"drug-{index}",
            instance=drug,
            sources=[
                next(
                    f.sentence
                    for f in suggestions.drugs.found
                    if f.generic_name == drug.generic_name
                )
            ],
        )
        for index, drug in enumerate(suggestions.drugs.proposed)
    ]
    milestones = []
    for event in suggestions.milestones:
        if _saved_milestone(event):
            continue
        milestones.append(
            MilestoneForm(
                data,
                prefix=f"milestone-{len(milestones)}",
                initial=event.fields | {"drug_name": event.drug},
                sources=[event.sentence],
            )
        )
    takeaways = TakeawaysForm(
        data,
        prefix="takeaways",
        initial={"takeaways": "\n".join(suggestions.takeaways)},
        sources=suggestions.takeaways,
    )
    return {"trials": trials, "drugs": drugs, "milestones": milestones, "takeaways": takeaways}


def every_form(forms):
    return [*forms["trials"], *forms["drugs"], *forms["milestones"], forms["takeaways"]]


def check_permissions(user, article, forms):
    """PermissionDenied unless ``user`` may edit the article and add what they accept."""
    if not workflow.can_edit(user, article):
        raise PermissionDenied
    needs = {
        "evidence.add_trialsummary": [f for f in forms["trials"] if f.accepted],
        "drugs.add_drug": [f for f in forms["drugs"] if f.accepted],
        "drugs.add_regulatorymilestone": [f for f in forms["milestones"] if f.accepted],
    }
    for permission, accepted in needs.items():
        if accepted and not user.has_perm(permission):
            raise PermissionDenied


def milestone_drugs_exist(forms):
    """Each accepted milestone's drug has a page or one accepted with it; an error on
    those that have none."""
    accepted = {f.cleaned_data["generic_name"].lower() for f in forms["drugs"] if f.accepted}
    ok = True
    for form in forms["milestones"]:
        if not form.accepted:
            continue
        name = form.cleaned_data["drug_name"].lower()
        if name not in accepted and not Drug.objects.filter(generic_name__iexact=name).exists():
            form.add_error("drug_name", "No drug page has this name: accept its page above.")
            ok = False
    return ok


def accepted_as_proposed(forms):
    """The data the page would post with every proposal ticked and nothing edited."""
    data = {}
    for form in every_form(forms):
        for bound in form:
            value = bound.value()
            if isinstance(bound.field.widget, django_forms.CheckboxInput):
                continue
            if value not in (None, ""):
                data[bound.html_name] = value if isinstance(value, str) else str(value)
        if form is not forms["takeaways"] or data.get(form.add_prefix("takeaways"), "").strip():
            data[form.add_prefix("accept")] = "on"
    return data


@dataclass
class Review:
    saved: list = field(default_factory=list)
    # (what, why): proposals that cannot be saved as they stand, e.g. a milestone
    # whose date the text does not give.
    left_out: list = field(default_factory=list)


def _label(form):
    """ "trial TRuE-V1", "ruxolitinib: FDA approval": what a left-out proposal was."""
    value = form.data.get
    if isinstance(form, MilestoneForm):
        event = RegulatoryMilestone(
            agency=value(form.add_prefix("agency")), decision=value(form.add_prefix("decision"))
        )
        return f"{value(form.add_prefix('drug_name'))}: {event.title}"
    if isinstance(form, TrialForm):
        return f"trial {value(form.add_prefix('name'))}"
    if isinstance(form, DrugForm):
        return f"drug page {value(form.add_prefix('generic_name'))}"
    return "takeaways"


def accept_all(*, article, by, comment=""):
    """Accept every proposal for ``article`` as proposed, the way an editor ticking every
    box on the Suggest facts page would, and save them with ``save_accepted``.

    A proposal that the page would refuse (a gap such as a milestone with no date, or
    its drug page missing) is left out, with the page's reason, and the rest saved.
    The article's takeaways are kept when it has some. ``by``: the user (None: the
    system, e.g. load_demo), whose permissions are checked as on the page.
    """
    review = Review()
    data = accepted_as_proposed(proposal_forms(article))
    if article.takeaways.strip():
        data.pop("takeaways-accept", None)
    while True:
        forms = proposal_forms(article, data)
        # Every form is validated (save_accepted reads each one's cleaned data).
        valid = {form: form.is_valid() for form in every_form(forms)}
        refused = [form for form, ok in valid.items() if form.accepted and not ok]
        if not refused and not milestone_drugs_exist(forms):
            refused = [form for form in forms["milestones"] if form.accepted and form.errors]
        if not refused:
            break
        for form in refused:
            del data[form.add_prefix("accept")]
            reasons = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()
            )
            review.left_out.append((_label(form), reasons))
    if by is not None:
        check_permissions(by, article, forms)
    review.saved = save_accepted(article=article, forms=forms, by=by, comment=comment)
    return review
