"""The "Suggest facts" screen: every proposal beside its source sentences; the editor
accepts, edits or rejects each one, and only accepted ones are saved."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from articles import workflow
from articles.models import Article
from drugs.models import Drug
from evidence.models import TrialSummary

from .forms import DrugForm, MilestoneForm, TakeawaysForm, TrialForm
from .services import save_accepted, suggest_facts


def _forms(article, data=None):
    suggestions = suggest_facts(headline=article.headline, deck=article.deck, body=article.body)
    main = suggestions.drugs.found[0].generic_name if suggestions.drugs.found else ""
    trials = []
    for index, trial in enumerate(suggestions.trials):
        initial = dict(trial.fields)
        initial.setdefault("intervention", main.capitalize())
        trials.append(
            TrialForm(
                data,
                prefix=f"trial-{index}",
                initial=initial,
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
    milestones = [
        MilestoneForm(
            data,
            prefix=f"milestone-{index}",
            initial=event.fields | {"drug_name": event.drug},
            sources=[event.sentence],
        )
        for index, event in enumerate(suggestions.milestones)
    ]
    takeaways = TakeawaysForm(
        data,
        prefix="takeaways",
        initial={"takeaways": "\n".join(suggestions.takeaways)},
        sources=suggestions.takeaways,
    )
    return {"trials": trials, "drugs": drugs, "milestones": milestones, "takeaways": takeaways}


def _check(user, article, forms):
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


def _milestone_drugs_exist(forms):
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


def suggest(request, pk):
    """Served by the article admin (facts/admin.py), behind the newsroom's login."""
    article = get_object_or_404(Article, pk=pk)
    if not workflow.can_edit(request.user, article):
        raise PermissionDenied
    if request.method == "POST":
        forms = _forms(article, request.POST)
        _check(request.user, article, forms)
        all_forms = [*forms["trials"], *forms["drugs"], *forms["milestones"], forms["takeaways"]]
        if all(form.is_valid() for form in all_forms) and _milestone_drugs_exist(forms):
            saved = save_accepted(article=article, forms=forms, by=request.user)
            messages.success(request, f"{len(saved)} suggested facts accepted; the rest left out.")
            return redirect(reverse("admin:articles_article_change", args=[article.pk]))
    else:
        forms = _forms(article)
    return TemplateResponse(
        request,
        "admin/facts/suggest.html",
        {
            **admin.site.each_context(request),
            "title": f"Suggest facts: {article.headline}",
            "article": article,
            "opts": Article._meta,
            "existing_trials": TrialSummary.objects.filter(article=article),
            **forms,
        },
    )
