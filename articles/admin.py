from contextlib import nullcontext

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from portal.admin_actions import CheckedSelectionMixin
from portal.methods import allow_methods

from . import services, workflow
from .admin_retractions import CitesFlaggedPaperFilter
from .forms import ArticleAdminForm, BylineFormSet, ReferenceForm, ReferenceFormSet
from .markup import body_citations
from .models import Article, Author, Byline, Correction, Reference, Tag
from .workflow import WorkflowError


def local_time_label(moment):
    """A moment as the newsroom reads it: "5 December 2026, 08:14 UTC", in the site's
    time zone and naming it (no abbreviation with a stop, so a sentence can end on it)."""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y, %H:%M} {local.tzname()}"


class BylineInline(admin.TabularInline):
    model = Byline
    formset = BylineFormSet
    autocomplete_fields = ["author"]
    fields = ["author", "order"]
    # One empty row to fill in; a draft may be saved with it empty, a move to review
    # or publication may not (BylineFormSet).
    extra = 1
    min_num = 0
    verbose_name = "author"
    verbose_name_plural = "byline (in order)"


class ReferenceInline(admin.StackedInline):
    model = Reference
    form = ReferenceForm
    formset = ReferenceFormSet
    extra = 0
    fieldsets = [
        (None, {"fields": ["number", "kind", "citation"]}),
        (
            "Structured citation",
            {
                "fields": [
                    "authors",
                    "title",
                    "source",
                    ("year", "volume", "issue", "pages"),
                    ("doi", "pmid"),
                    ("url", "accessed_on"),
                ],
                "description": "Filled from the citation text when left empty.",
            },
        ),
        (
            "Retraction or correction notice",
            {"fields": [("notice", "notice_date"), "notice_url"], "classes": ["collapse"]},
        ),
    ]


class CorrectionInline(admin.StackedInline):
    """Dated correction and update notes, for articles readers have seen."""

    model = Correction
    fields = ["kind", "noted_at", "note"]
    extra = 0
    verbose_name = "correction or update note"
    verbose_name_plural = "corrections and updates (shown at the foot of the article)"

    def has_add_permission(self, request, obj=None):
        # Readers never saw an article that was never published: nothing to correct.
        return obj is not None and obj.has_been_public and super().has_add_permission(request, obj)


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [(state, workflow.STATE_LABELS[state]) for state in workflow.STATE_ORDER]

    def queryset(self, request, queryset):
        value = self.value()
        if value == workflow.SCHEDULED:
            return queryset.scheduled()
        if value == workflow.PUBLISHED:
            return queryset.published()
        if value in {workflow.DRAFT, workflow.REVIEW, workflow.ARCHIVED}:
            return queryset.filter(status=value)
        return queryset


class MineFilter(admin.SimpleListFilter):
    """The articles the signed-in user started (the desk's "My drafts")."""

    title = "started by"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("yes", "Me")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(created_by_id=request.user.pk)
        return queryset


class ImportWarningsFilter(admin.SimpleListFilter):
    title = "import warnings"
    parameter_name = "import_warnings"

    def lookups(self, request, model_admin):
        return [("yes", "To resolve")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(import_warnings="")
        return queryset


@admin.register(Author)
class AuthorAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["name", "credentials"]
    autocomplete_fields = ["photo"]
    search_fields = ["name", "credentials"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(CheckedSelectionMixin, CompareVersionAdmin):
    form = ArticleAdminForm
    list_display = [
        "headline_column",
        "state",
        "byline_names",
        "primary_topic",
        "published_at",
        "modified_at",
    ]
    list_filter = [
        StateFilter,
        "primary_topic",
        "published_at",
        "featured",
        CitesFlaggedPaperFilter,
        ImportWarningsFilter,
        MineFilter,
    ]
    list_display_links = ["headline_column"]
    list_select_related = ["primary_topic"]
    search_fields = ["headline", "deck", "body", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["primary_topic", "topics", "lead_image"]
    # The form's order: the article's own rows, then those of apps that keep rows of
    # their own on an article (add_article_inline puts theirs before the corrections,
    # so this module imports none of them), and the corrections last, as readers see
    # them at the foot of the article.
    inlines = [BylineInline, ReferenceInline, CorrectionInline]
    # Other apps' pages about one article (add_article_view).
    extra_views = []
    actions = ["submit_for_review", "publish_now", "back_to_draft", "archive"]
    save_on_top = True

    class Media:
        js = ["admin/js/jquery.init.js", "js/lead-image-preview.js"]

    history_latest_first = True
    # What a diff of two versions leaves out: bookkeeping, not content.
    # ("tags" is shown through the tagged_items rows; its manager cannot be listed.)
    compare_exclude = ["edit_token", "modified_at", "body_html", "created_by", "tags"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )

    # -- Who may do what ---------------------------------------------------

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or workflow.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return workflow.is_editor(request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = [
            "first_published_at",
            "updated_at",
            "source_photo_credit",
            "created_by",
            "lead_image_preview",
            "import_warning_list",
        ]
        if not workflow.is_editor(request.user):
            # Writers hand their work to an editor, who decides when and how it runs.
            readonly += ["published_at", "featured"]
        return readonly

    # -- The form ----------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_fieldsets(self, request, obj=None):
        editable = obj is None or self.has_change_permission(request, obj)
        publishing = ["state", "published_at", "featured"] if editable else ["state_label"]
        if (
            editable
            and obj is not None
            and obj.has_been_public
            and workflow.is_editor(request.user)
        ):
            publishing.append("mark_updated")
        if obj is not None:
            publishing += ["first_published_at", "updated_at", "created_by"]
        if editable and obj is not None and obj.import_warnings.strip():
            publishing = ["import_warning_list", "resolve_import_warnings", *publishing]
        return [
            (
                None,
                {
                    "fields": [
                        "article_type",
                        "headline",
                        "slug",
                        "deck",
                        "takeaways",
                        "body",
                        *(["version_token"] * editable),
                    ]
                },
            ),
            ("Filing", {"fields": ["primary_topic", "topics", "tags"]}),
            (
                "Review and disclosure",
                {"fields": [("reviewed_by", "reviewed_on"), "disclosure"]},
            ),
            ("Publishing", {"fields": publishing}),
            ("Lead image", {"fields": ["lead_image", "lead_image_preview"]}),
            (
                "Source",
                {
                    "fields": ["source_name", "source_year", "source_url", "source_photo_credit"],
                    "classes": ["collapse"],
                    "description": "Where imported content comes from; readers see the source.",
                },
            ),
        ]

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        if request.method == "POST":
            # The byline is needed for the state the form moves the article to.
            target = request.POST.get("state") or (obj and workflow.state_of(obj))
            for formset in formsets:
                if isinstance(formset, BylineFormSet):
                    formset.target_state = target
        return formsets, inline_instances

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("resolve_import_warnings"):
            obj.import_warnings = ""
        try:
            services.save_article(
                obj,
                by=request.user,
                state=form.cleaned_data.get("state"),
                substantive=form.cleaned_data.get("mark_updated", False),
            )
        except (WorkflowError, PermissionDenied) as error:
            # The form offers only allowed moves; this is a change of rights mid-edit.
            raise PermissionDenied(str(error)) from error
        if obj.is_scheduled:
            goes_live = local_time_label(obj.published_at)
            self.message_user(
                request, f"“{obj}” is scheduled: readers see it from {goes_live}.", messages.INFO
            )

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            # A row that records who wrote it (a correction note) is signed by the editor.
            if hasattr(instance, "created_by_id") and instance.created_by_id is None:
                instance.created_by = request.user
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        uncited = sorted(
            set(article.references.values_list("number", flat=True)) - body_citations(article.body)
        )
        if uncited:
            listed = ", ".join(str(number) for number in uncited)
            self.message_user(
                request,
                f"Reference{'s' if len(uncited) > 1 else ''} {listed} "
                f"{'are' if len(uncited) > 1 else 'is'} not cited in the body. Cite "
                "each reference as [N], or remove the ones the article does not use.",
                messages.WARNING,
            )

    def view_on_site(self, obj):
        if obj.is_published:
            return obj.get_absolute_url()
        return reverse("articles:preview", kwargs={"pk": obj.pk})

    # -- Columns -----------------------------------------------------------

    @admin.display(description="Headline", ordering="headline")
    def headline_column(self, article):
        # Cut to three lines by the stylesheet; the whole headline in the tooltip.
        return format_html('<span class="headline" title="{}">{}</span>', article, article)

    @admin.display(description="State", ordering="status")
    def state(self, article):
        if article.is_scheduled:
            goes_live = local_time_label(article.published_at)
            return format_html("Scheduled<br><small>{}</small>", goes_live)
        return article.get_status_display()

    @admin.display(description="Preview")
    def lead_image_preview(self, article):
        # static/js/lead-image-preview.js redraws it when another image is chosen or
        # added in the popup, from lead_image_preview_view.
        url = reverse(f"{self.admin_site.name}:articles_article_lead_image_preview", args=[0])
        image = article.lead_image
        if image is None:
            inside = format_html(
                '<span class="lead-image-none">No image yet.{}</span>',
                f" The source's photo was credited to {article.source_photo_credit}."
                if article.source_photo_credit
                else "",
            )
        else:
            inside = format_html(
                '<img src="{}" alt="{}" width="240"><br>{}<br>Photo: {}',
                image.thumbnail.url,
                image.alt_text,
                image.caption,
                image.credit,
            )
        return format_html(
            '<div class="lead-image-preview" data-preview-url="{}">{}</div>', url, inside
        )

    def lead_image_preview_view(self, request, image_id):
        """The preview of one image, as JSON, for the article form's script."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        image_model = Article._meta.get_field("lead_image").related_model
        image = get_object_or_404(image_model, pk=image_id)
        return JsonResponse(
            {
                "thumbnail": image.thumbnail.url,
                "alt": image.alt_text,
                "caption": image.caption,
                "credit": image.credit,
            }
        )

    @admin.display(description="Import warnings")
    def import_warning_list(self, article):
        lines = [line for line in article.import_warnings.splitlines() if line.strip()]
        return format_html_join("", '<p class="import-warning">{}</p>', ((line,) for line in lines))

    @admin.display(description="State")
    def state_label(self, article):
        return article.state_label

    @admin.display(description="Byline")
    def byline_names(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all())

    # -- Bulk actions --------------------------------------------------------

    def _move_each(self, request, queryset, move, done):
        """Apply ``move`` (a services function) to each selected article, each in its
        own transaction; report what moved and what the rules refused, and log it."""
        moved, refused = [], []
        for article in queryset:
            try:
                with transaction.atomic():
                    move(article, by=request.user)
            except (WorkflowError, PermissionDenied) as error:
                refused.append(f"“{article}”: {error}")
                continue
            moved.append(article)
            self.log_change(request, article, f"{done} (bulk action).")
        if moved:
            self.message_user(request, f"{done}: {len(moved)} article(s).", messages.SUCCESS)
        for line in refused:
            self.message_user(request, f"Not changed: {line}", messages.WARNING)

    @admin.action(description="Submit selected articles for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._move_each(request, queryset, services.submit_for_review, "Submitted for review")

    @admin.action(description="Publish selected articles now", permissions=["publish"])
    def publish_now(self, request, queryset):
        self._move_each(request, queryset, services.publish, "Published")

    @admin.action(
        description="Move selected articles back to draft (unpublish, take back from review)",
        permissions=["change"],
    )
    def back_to_draft(self, request, queryset):
        # Editors unpublish; a writer takes back their own submission. The rules decide.
        self._move_each(request, queryset, services.unpublish, "Moved back to draft")

    @admin.action(description="Archive selected articles", permissions=["publish"])
    def archive(self, request, queryset):
        self._move_each(request, queryset, services.archive, "Archived")

    # -- Take back from review -------------------------------------------------

    def can_take_back(self, request, article):
        """The writer who submitted it (or an editor) may take it back while it waits."""
        return (
            article is not None
            and workflow.state_of(article) == workflow.REVIEW
            and is_own_or_editor(request.user, article)
            and workflow.DRAFT in workflow.allowed_moves(request.user, article)
        )

    def take_back_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.can_take_back(request, article):
            raise PermissionDenied
        with transaction.atomic():
            services.unpublish(article, by=request.user)
        self.log_change(request, article, "Taken back from review to draft.")
        self.message_user(
            request,
            f"“{article}” is back in your drafts: edit it, then submit it again.",
            messages.SUCCESS,
        )
        return redirect(f"{self.admin_site.name}:articles_article_change", article.pk)

    # -- History: restore and recover -------------------------------------------

    def create_revision(self, request):
        # django-reversion wraps the whole list page in one revision (for
        # list_editable, which this admin does not use); a bulk action would then
        # put every selected article into one revision, and restoring one of them
        # would bring back the others too. There, each move makes its own revision.
        match = request.resolver_match
        if match is not None and match.url_name == "articles_article_changelist":
            return nullcontext()
        return super().create_revision(request)

    def log_change(self, request, obj, message):
        # Recovering a deleted article goes through the change form, which would
        # log it as an ordinary edit ("No fields changed."): say what happened.
        match = request.resolver_match
        if match is not None and match.url_name == "articles_article_recover":
            message = "Recovered the deleted article from its history."
        return super().log_change(request, obj, message)

    def get_urls(self):
        # Before the admin's own URLs: "<path:object_id>/" would take them.
        own = [
            (
                "lead-image-preview/<int:image_id>/",
                allow_methods("GET", "HEAD")(self.lead_image_preview_view),
                "lead_image_preview",
                None,
            ),
            (
                "<path:object_id>/take-back/",
                allow_methods("POST")(self.take_back_view),
                "take_back",
                None,
            ),
        ]
        return [
            path(route, self.admin_site.admin_view(view), name=f"articles_article_{name}")
            for route, view, name, _label in [*own, *self.extra_views]
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The links of add_article_view's labelled pages, for change_form_object_tools.html.
        tools = [
            (label, reverse(f"admin:articles_article_{name}", args=[object_id]))
            for _route, _view, name, label in self.extra_views
            if label and str(object_id).isdigit()
        ]
        article = self.get_object(request, unquote(object_id))
        extra_context = {
            "article_tools": tools,
            # "Take back to draft" (take_back_view) for an article waiting for review.
            "can_take_back": self.can_take_back(request, article),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_publish_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        """Bring back a deleted article: editors only, and only a deleted article's
        own version (any other id would revert whatever that revision holds)."""
        if not self.has_publish_permission(request):
            raise PermissionDenied
        get_object_or_404(Version.objects.get_deleted(Article), pk=version_id)
        return super().recover_view(request, version_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore an earlier version, after a confirmation page (django-reversion's
        own view would also bring back the old state and address)."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        version = get_object_or_404(
            Version.objects.get_for_object(article).select_related("revision__user"),
            pk=version_id,
        )
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if request.method == "POST":
            missing = services.restore_version(article, version, by=request.user)
            self.log_change(request, article, "Restored an earlier version.")
            self.message_user(
                request,
                "The earlier version is back: text, references, bylines, topics and tags. "
                "State, dates and address are unchanged.",
                messages.SUCCESS,
            )
            for sentence in missing:
                self.message_user(request, f"Not restored: {sentence}.", messages.WARNING)
            return redirect("admin:articles_article_change", article.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Restore this version?",
            "article": article,
            "version": version,
            "fields": version.field_dict,
            "references": sorted(
                (
                    other.field_dict
                    for other in version.revision.version_set.all()
                    if other.content_type.model_class() is Reference
                ),
                key=lambda reference: reference["number"],
            ),
            "compare_url": reverse("admin:articles_article_compare", args=[article.pk]),
            "latest_version": Version.objects.get_for_object(article).first(),
        }
        return TemplateResponse(request, "admin/articles/article/restore.html", context)


def is_own_or_editor(user, article):
    return workflow.is_editor(user) or workflow.is_own(user, article)


def add_article_inline(inline):
    """Show ``inline`` on the article form, after those already added and before the
    corrections, which stay last.

    Called from the admin module of the app that owns the inline's model (evidence's
    trial summaries); the admin imports those modules in INSTALLED_APPS order, which
    is the order the inlines appear in.
    """
    last = ArticleAdmin.inlines.index(CorrectionInline)
    ArticleAdmin.inlines = [*ArticleAdmin.inlines[:last], inline, *ArticleAdmin.inlines[last:]]


def add_article_view(route, view, name, *, label=None):
    """Serve another app's page about one article inside the newsroom: at
    ``<admin>/articles/article/<route>``, named ``admin:articles_article_<name>``, behind
    the admin's login (each view still checks its own permissions). With a ``label``,
    the article's change page links it beside "History" (the route then takes the
    article's id as ``<int:pk>``).

    Called from that app's admin module (facts' "Suggest facts"), so this module
    imports none of them.
    """
    ArticleAdmin.extra_views = [*ArticleAdmin.extra_views, (route, view, name, label)]
