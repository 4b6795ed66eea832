"""The "Suggest facts" screen: every proposal beside its source sentences; the editor
accepts, edits or rejects each one, and only accepted ones are saved."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from articles import workflow
from articles.models import Article
from evidence.models import TrialSummary

from .review import check_permissions, every_form, milestone_drugs_exist, proposal_forms
from .services import save_accepted


def suggest(request, pk):
    """Served by the article admin (facts/admin.py), behind the newsroom's login."""
    article = get_object_or_404(Article, pk=pk)
    if not workflow.can_edit(request.user, article):
        raise PermissionDenied
    if request.method == "POST":
        forms = proposal_forms(article, request.POST)
        check_permissions(request.user, article, forms)
        if all(form.is_valid() for form in every_form(forms)) and milestone_drugs_exist(forms):
            saved = save_accepted(article=article, forms=forms, by=request.user)
            messages.success(request, f"{len(saved)} suggested facts accepted; the rest left out.")
            return redirect(reverse("admin:articles_article_change", args=[article.pk]))
    else:
        forms = proposal_forms(article)
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
