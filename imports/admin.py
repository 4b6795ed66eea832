"""Importing plain-text articles from the admin: upload, preview, confirm.

Nothing is written until the editor confirms the preview. The preview carries
the texts in hidden fields; the confirmation treats them as a new upload (a
form can be hand-made): it parses and checks each one again, then imports it
with ``imports.services.import_article`` in its own transaction.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

import markdown
import nh3
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from articles import admin as articles_admin
from articles import workflow
from articles.markup import CITATION_PATTERN
from articles.models import Article, Author
from articles.workflow import WorkflowError
from newsroom import desk
from portal.methods import allow_methods
from topics.models import Topic

from .diff import compare
from .models import PendingImport
from .parser import (
    ImportFormatError,
    ParsedArticle,
    decode_text,
    find_topics,
    parse_article_text,
)
from .services import (
    DEFAULT_BYLINE,
    OriginalDate,
    apply_pending_import,
    authors_for,
    describe_error,
    discard_pending_import,
    find_existing,
    format_day,
    import_article,
    markup_warnings,
    original_date,
)

# The rules a file must follow, shown to editors at import/format/.
FORMAT_PATH = Path(__file__).resolve().parent / "FORMAT.md"

MAX_FILES = 20
MAX_FILE_SIZE = 1024 * 1024  # bytes
FILE_FIELD_NAMES = ("file_name", "file_text")  # the preview's hidden fields


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input. Clean returns the list; a bad file is not
    a form error but a row of the preview, so that it is reported by name."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [
            upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload
        ]
        if not uploads and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(uploads) > MAX_FILES:
            raise ValidationError(
                f"Choose at most {MAX_FILES} files at a time (you chose {len(uploads)})."
            )
        return uploads


class ImportOptionsForm(forms.Form):
    topic = forms.ModelChoiceField(
        label="Primary topic",
        queryset=Topic.objects.all(),
        required=False,
        empty_label="From the text",
        help_text="The primary topic of every article. Default: the topics each text names "
        "most (headline, deck and body, the headline counting most).",
    )
    byline = forms.CharField(
        required=False,
        max_length=300,
        help_text=f'e.g. "Jane Doe, MD, FAAD". Default: "{DEFAULT_BYLINE}" for a new article; '
        "an article imported before keeps its byline.",
    )
    publish = forms.BooleanField(
        label="Publish now",
        required=False,
        help_text="Otherwise new articles wait in review. An article whose headline or deck "
        "holds markup is never published by an import.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not workflow.is_editor(user):
            # Not offered, and a hand-made "publish" in the request is ignored.
            del self.fields["publish"]

    def clean_byline(self):
        byline = " ".join(self.cleaned_data["byline"].split())
        if byline and not slugify(byline.partition(",")[0]):
            raise ValidationError("Write the author's name before the first comma.")
        return byline


class UploadForm(ImportOptionsForm):
    files = MultipleFileField(
        label="Text files",
        help_text=f"Articles saved as plain text (UTF-8): headline, deck, body, references. "
        f"At most {MAX_FILES} files of {MAX_FILE_SIZE // 1024 // 1024} MB each.",
    )
    field_order = ["files", "topic", "byline", "publish"]


@dataclass
class PlannedImport:
    """What one file will become, or why it cannot be imported."""

    name: str
    text: str = ""
    parsed: ParsedArticle | None = None
    topics: list = field(default_factory=list)
    existing: Article | None = None
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    date: OriginalDate | None = None

    @property
    def body_text(self):
        """What the body holds, for the preview: "3 subheadings, 1 list, 1 table; 13 citations"."""
        if self.parsed is None:
            return ""
        kinds = [block.kind for block in self.parsed.body_blocks]
        parts = [
            f"{count} {noun}{'' if count == 1 else 's'}"
            for noun, kind in (("paragraph", "paragraph"), ("subheading", "heading"),
                               ("list", "list"), ("table", "table"))
            if (count := kinds.count(kind))
        ]  # fmt: skip
        citations = len(re.findall(CITATION_PATTERN, self.parsed.body))
        return f"{', '.join(parts)}; {citations} citation{'' if citations == 1 else 's'}"

    @property
    def date_text(self):
        """The original's date as the preview shows it."""
        if self.date is None:
            return ""
        if self.date.source == "copyright":
            return f"no later than {format_day(timezone.localdate(self.date.moment))} (a guess)"
        if self.date.moment is None:
            return "not in the text (the day it is published)"
        how = "from the text" if self.date.source == "text" else "as given"
        return f"{format_day(timezone.localdate(self.date.moment))} ({how})"

    @property
    def headline(self):
        return self.parsed.headline if self.parsed else ""

    @property
    def primary_topic(self):
        return self.topics[0] if self.topics else None

    @property
    def reference_count(self):
        return len(self.parsed.references) if self.parsed else None


def read_upload(upload):
    """An uploaded file's text; ImportFormatError saying why not."""
    if upload.size > MAX_FILE_SIZE:
        raise ImportFormatError(f"larger than {MAX_FILE_SIZE // 1024 // 1024} MB")
    return decode_text(upload.read())


def plan_import(name, text, *, options, user, all_topics, seen, published_at=None):
    """Parse and check one text as import_article will take it; nothing is written.

    ``seen`` maps the source keys of the batch's earlier files to their names;
    ``published_at`` is the original's date the editor gave in the preview.
    """
    planned = PlannedImport(name=name, text=text)
    try:
        if len(text.encode()) > MAX_FILE_SIZE:
            raise ImportFormatError(f"larger than {MAX_FILE_SIZE // 1024 // 1024} MB")
        planned.parsed = parse_article_text(text)
        for field_name in ("headline", "deck"):
            try:
                Article._meta.get_field(field_name).clean(getattr(planned.parsed, field_name), None)
            except ValidationError as error:
                raise ValidationError({field_name: error.messages}) from None
        topic = options.cleaned_data.get("topic")
        planned.topics = [topic] if topic else find_topics(planned.parsed, all_topics)
        if not planned.topics:
            raise ImportFormatError("no topic name occurs in the text: choose a topic")
        key, planned.existing = find_existing(planned.parsed)
        if planned.existing is not None and not workflow.can_edit(user, planned.existing):
            raise PermissionDenied(
                f"it would update “{planned.existing}” "
                f"({planned.existing.state_label.lower()}), which you may not edit"
            )
    except (ImportFormatError, ValidationError, PermissionDenied) as error:
        planned.error = describe_error(error)
        return planned
    if key in seen:
        planned.warnings.append(f"the same article as {seen[key]}: this file updates it again.")
    seen.setdefault(key, name)
    markup = markup_warnings(planned.parsed)
    planned.warnings += markup
    planned.warnings += planned.parsed.warnings
    planned.date = original_date(planned.parsed, published_at)
    if planned.date.note:
        planned.warnings.append(planned.date.note)
    if markup and options.cleaned_data.get("publish"):
        planned.warnings.append("it will not be published because of the markup.")
    return planned


class ArticleImportAdminMixin:
    """Adds "Import articles" to the article admin: a button on the changelist and
    the page at import/ (name articles_article_import). Needs the add permission."""

    import_template = "admin/articles/article/import.html"
    import_preview_template = "admin/articles/article/import_preview.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The changelist template adds the button to whatever the admin's own
        # template is (django-reversion's adds "Recover deleted articles").
        self.changelist_base_template = self.change_list_template or "admin/change_list.html"
        self.change_list_template = "admin/articles/article/change_list.html"

    def changelist_view(self, request, extra_context=None):
        extra_context = {"changelist_base_template": self.changelist_base_template} | (
            extra_context or {}
        )
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        # Before the admin's own URLs: "<path:object_id>/" would take import/.
        format_view = allow_methods("GET", "HEAD")(self.import_format_view)
        reimport = f"{self.opts.app_label}_{self.opts.model_name}_reimport"
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name=name),
            path(
                "import/format/",
                self.admin_site.admin_view(format_view),
                name=f"{name}_format",
            ),
            # The review of a re-import of a live article (PendingImport), by article.
            path(
                "<int:pk>/reimport/",
                self.admin_site.admin_view(allow_methods("GET", "HEAD")(self.reimport_view)),
                name=reimport,
            ),
            path(
                "<int:pk>/reimport/apply/",
                self.admin_site.admin_view(allow_methods("POST")(self.reimport_apply_view)),
                name=f"{reimport}_apply",
            ),
            path(
                "<int:pk>/reimport/discard/",
                self.admin_site.admin_view(allow_methods("POST")(self.reimport_discard_view)),
                name=f"{reimport}_discard",
            ),
            *super().get_urls(),
        ]

    def import_format_view(self, request):
        """imports/FORMAT.md, the rules a file must follow, as a page of the newsroom."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        text = FORMAT_PATH.read_text(encoding="utf-8")
        html = nh3.clean(markdown.markdown(text, extensions=["tables", "fenced_code"]))
        return self.render_import(
            request,
            "admin/articles/article/import_format.html",
            title="The import format",
            format_html=mark_safe(html),  # sanitised by nh3 just above
        )

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "confirm" in request.POST:
            return self.import_confirmed(request)
        if request.method == "POST":
            form = UploadForm(request.POST, request.FILES, user=request.user)
            if form.is_valid():
                return self.import_preview(request, form)
        else:
            form = UploadForm(user=request.user)
        # Rendered with the admin's own fieldset template, like every change form.
        adminform = helpers.AdminForm(form, [(None, {"fields": list(form.fields)})], {})
        return self.render_import(
            request, self.import_template, form=form, adminform=adminform, media=form.media
        )

    def import_preview(self, request, form):
        all_topics = list(Topic.objects.all())
        seen, rows = {}, []
        for upload in form.cleaned_data["files"]:
            try:
                text = read_upload(upload)
            except ImportFormatError as error:
                rows.append(PlannedImport(name=upload.name, error=describe_error(error)))
                continue
            rows.append(
                plan_import(
                    upload.name,
                    text,
                    options=form,
                    user=request.user,
                    all_topics=all_topics,
                    seen=seen,
                )
            )
        good = [row for row in rows if not row.error]
        too_much = sum(len(row.text.encode()) for row in good) > carried_text_limit()
        options = ImportOptionsForm(request.POST, user=request.user)
        return self.render_import(
            request,
            self.import_preview_template,
            rows=rows,
            good=[] if too_much else good,
            too_much=too_much,
            options=options,
            publish=form.cleaned_data.get("publish", False),
        )

    def import_confirmed(self, request):
        options = ImportOptionsForm(request.POST, user=request.user)
        names, texts = (request.POST.getlist(name) for name in FILE_FIELD_NAMES)
        dates = request.POST.getlist("file_date")
        dates += [""] * (len(texts) - len(dates))  # a hand-made form may leave them out
        if (
            not options.is_valid()
            or not texts
            or len(names) != len(texts)
            or len(texts) > MAX_FILES
        ):
            messages.error(request, "The confirmation was incomplete; nothing was imported.")
            return redirect(f"{self.admin_site.name}:articles_article_import")
        all_topics = list(Topic.objects.all())
        byline = options.cleaned_data["byline"]
        publish = options.cleaned_data.get("publish", False)
        seen = {}
        for name, text, day in zip(names, texts, dates[: len(texts)], strict=True):
            name = name[:200] or "(no name)"
            published_at = given_date(day)
            if published_at is False:
                messages.error(request, f"{name}: not imported: {day!r} is not a date.")
                continue
            planned = plan_import(
                name,
                text,
                options=options,
                user=request.user,
                all_topics=all_topics,
                seen=seen,
                published_at=published_at,
            )
            if planned.error:
                messages.error(request, f"{name}: not imported: {planned.error}")
                continue
            try:
                with transaction.atomic():
                    result = import_article(
                        planned.parsed,
                        topics=planned.topics,
                        authors=authors_for(
                            [byline] if byline else [],
                            update_credentials=request.user.has_perm("articles.change_author"),
                        ),
                        publish=publish,
                        published_at=published_at,
                        by=request.user,
                        comment=f"Imported from {name} in the admin.",
                    )
            except (
                ImportFormatError,
                ValidationError,
                PermissionDenied,
                WorkflowError,
                IntegrityError,
            ) as error:
                messages.error(request, f"{name}: not imported: {describe_error(error)}")
                continue
            self.log_import(request, name, result)
            self.report_import(request, name, result)
        return redirect(f"{self.admin_site.name}:articles_article_changelist")

    def log_import(self, request, name, result):
        """The admin's log entry (who, when, which article) for each imported file."""
        if result.created:
            self.log_addition(request, result.article, f"Imported from {name}.")
        elif result.pending is not None:
            self.log_change(
                request, result.article, f"Importing {name}: changes waiting for review."
            )
        else:
            self.log_change(request, result.article, f"Updated by importing {name}.")

    def report_import(self, request, name, result):
        article = result.article
        if result.pending is not None:
            self.report_pending(request, name, result)
            return
        count = article.references.count()
        url = reverse(f"{self.admin_site.name}:articles_article_change", args=[article.pk])
        self.message_user(
            request,
            format_html(
                '{}: {} “<a href="{}">{}</a>” ({}, {} reference{}).',
                name,
                "created" if result.created else "updated",
                url,
                article.headline,
                result.state_label.lower(),
                count,
                "" if count == 1 else "s",
            ),
            messages.SUCCESS,
        )
        for warning in result.warnings:
            self.message_user(request, f"{name}: {warning}", messages.WARNING)

    def report_pending(self, request, name, result):
        article, pending = result.article, result.pending
        count = len(pending.references)
        self.message_user(
            request,
            format_html(
                "{}: waiting for review: “{}” ({}) stays as readers saw it. "
                '<a href="{}">Review the changes</a> ({} reference{} in the file) '
                "and apply or discard them.",
                name,
                article.headline,
                result.state_label.lower(),
                self.reimport_url(article.pk),
                count,
                "" if count == 1 else "s",
            ),
            messages.SUCCESS,
        )
        for warning in result.warnings:
            self.message_user(request, f"{name}: {warning}", messages.WARNING)

    # -- Re-imports of live articles, waiting for review ----------------------

    def reimport_url(self, article_id, action=""):
        suffix = f"_{action}" if action else ""
        return reverse(
            f"{self.admin_site.name}:articles_article_reimport{suffix}", args=[article_id]
        )

    def pending_for(self, request, pk):
        """The re-import waiting for review of article ``pk``: 404 if none, 403 unless
        the user may edit that article (as the import itself requires)."""
        pending = (
            PendingImport.objects.select_related("article__primary_topic", "imported_by")
            .filter(article_id=pk)
            .first()
        )
        if pending is None:
            raise Http404("No re-import of this article is waiting for review.")
        if not self.has_change_permission(request, pending.article):
            raise PermissionDenied
        return pending

    def reimport_view(self, request, pk):
        """The live text beside the re-import's, field by field; Apply and Discard."""
        pending = self.pending_for(request, pk)
        article = pending.article
        diffs = reimport_diffs(article, pending)
        return TemplateResponse(
            request,
            "admin/articles/article/reimport_review.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": f"Review the re-import of “{article.headline}”",
                "article": article,
                "pending": pending,
                "diffs": diffs,
                "changed": [diff for diff in diffs if diff.changed],
                "apply_url": self.reimport_url(pk, "apply"),
                "discard_url": self.reimport_url(pk, "discard"),
            },
        )

    def reimport_apply_view(self, request, pk):
        pending = self.pending_for(request, pk)
        stale = self.stale_review(request, pending)
        if stale is not None:
            return stale
        try:
            result = apply_pending_import(article_id=pk, pending_id=pending.pk, by=request.user)
        except PendingImport.DoesNotExist:
            return self.stale_review(request, None, pk=pk)
        except (ValidationError, PermissionDenied, WorkflowError, IntegrityError) as error:
            self.message_user(request, f"Not applied: {describe_error(error)}", messages.ERROR)
            return redirect(self.reimport_url(pk))
        article = result.article
        self.log_change(request, article, "Applied the re-import that was waiting for review.")
        self.message_user(
            request,
            f"The re-import of “{article}” is applied ({article.state_label.lower()}): "
            "its text is the imported one now.",
            messages.SUCCESS,
        )
        for warning in result.warnings:
            self.message_user(request, warning, messages.WARNING)
        return redirect(f"{self.admin_site.name}:articles_article_change", article.pk)

    def reimport_discard_view(self, request, pk):
        pending = self.pending_for(request, pk)
        stale = self.stale_review(request, pending)
        if stale is not None:
            return stale
        try:
            discard_pending_import(article_id=pk, pending_id=pending.pk, by=request.user)
        except PendingImport.DoesNotExist:
            return self.stale_review(request, None, pk=pk)
        self.log_change(request, pending.article, "Discarded the re-import waiting for review.")
        self.message_user(
            request,
            f"The re-import of “{pending.article}” is discarded; the article is as it was.",
            messages.SUCCESS,
        )
        return redirect(f"{self.admin_site.name}:articles_article_change", pk)

    def stale_review(self, request, pending, *, pk=None):
        """A redirect if the editor reviewed another re-import than the one waiting now
        (a newer import replaced it, or someone applied or discarded it), else None."""
        if pending is not None and request.POST.get("pending") == str(pending.pk):
            return None
        pk = pk if pending is None else pending.article_id
        if PendingImport.objects.filter(article_id=pk).exists():
            self.message_user(
                request,
                "Another import of this article arrived while you were reviewing: here it "
                "is. Nothing was applied or discarded.",
                messages.WARNING,
            )
            return redirect(self.reimport_url(pk))
        self.message_user(
            request,
            "That re-import is no longer waiting: someone applied or discarded it.",
            messages.WARNING,
        )
        return redirect(f"{self.admin_site.name}:articles_article_change", pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A notice at the top of the form while a re-import waits for review.
        pending = None
        if str(object_id).isdigit():
            pending = (
                PendingImport.objects.select_related("article", "imported_by")
                .filter(article_id=object_id)
                .first()
            )
        extra_context = {
            "pending_import": pending,
            "pending_import_url": self.reimport_url(object_id) if pending else "",
            "can_review_import": bool(
                pending and self.has_change_permission(request, pending.article)
            ),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def render_import(self, request, template, **context):
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Import articles",
                "max_files": MAX_FILES,
                **context,
            },
        )


def reimport_diffs(article, pending):
    """The live article against the re-import, field by field (FieldDiffs)."""
    topics = [article.primary_topic, *article.topics.exclude(pk=article.primary_topic_id)]
    incoming_topics = Topic.objects.in_bulk(pending.topic_ids)
    diffs = [
        compare("headline", "Headline", article.headline, pending.headline),
        compare("deck", "Deck", article.deck, pending.deck),
        compare("body", "Body (Markdown)", article.body, pending.body),
        compare(
            "references",
            "References",
            [f"{ref.number}. {ref.citation or ref.title}" for ref in article.references.all()],
            [f"{number}. {citation}" for number, citation in pending.reference_list],
        ),
        compare(
            "topics",
            "Topics (the primary one first)",
            [topic.name for topic in topics],
            [incoming_topics[pk].name for pk in pending.topic_ids if pk in incoming_topics],
        ),
    ]
    if pending.author_ids:
        # Without authors named, an import keeps the byline.
        current = [byline.author.name for byline in article.bylines.select_related("author")]
        named = Author.objects.in_bulk(pending.author_ids)
        diffs.append(
            compare(
                "byline",
                "Byline",
                current,
                [named[pk].name for pk in pending.author_ids if pk in named],
            )
        )
    return diffs


def given_date(value):
    """The original's date an editor typed in the preview: an aware datetime at the
    start of that day, None if left empty, False if it is not a date."""
    value = value.strip()
    if not value:
        return None
    try:
        day = parse_date(value)
    except ValueError:
        day = None
    if day is None or not 1900 <= day.year <= 2200:
        return False
    return timezone.make_aware(datetime.combine(day, time.min))


def carried_text_limit():
    """How much text the preview may carry to the confirmation: Django refuses a
    request whose fields (not files) pass DATA_UPLOAD_MAX_MEMORY_SIZE."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return float("inf") if limit is None else limit - 64 * 1024


class PendingImportFilter(admin.SimpleListFilter):
    """Articles with a re-import waiting for review (the desk's section links here)."""

    title = "re-import"
    parameter_name = "reimport"

    def lookups(self, request, model_admin):
        return [("waiting", "Waiting for review")]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(pending_import__isnull=False)
        return queryset


# The article admin with the import pages (the changelist's "Import articles"
# button, the review of a re-import): registered again here, after articles/admin.py
# in INSTALLED_APPS order, so that articles/ knows nothing of imports.
admin.site.unregister(Article)


@admin.register(Article)
class ArticleAdmin(ArticleImportAdminMixin, articles_admin.ArticleAdmin):
    list_filter = [*articles_admin.ArticleAdmin.list_filter, PendingImportFilter]


# On the desk, after the articles waiting for review: the re-imports of live articles
# this user may review (the same rule as the review page's), oldest first.
desk.add_waiting_section(
    "reimports",
    "Re-imports waiting for review",
    menu_label="Re-imports",
    condition=lambda user: Q(pending_import__isnull=False) & workflow.editable(user),
    waiting_since=F("pending_import__imported_at"),
    changelist={"reimport": "waiting"},
    empty="No re-import of a live article is waiting for review.",
    row_url="admin:articles_article_reimport",
    after="review",
)
