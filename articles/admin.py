from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format

from newsroom.admin import CheckedSelectionMixin

from .forms import ArticleAdminForm, ReferenceForm
from .models import Article, Author, Byline, Reference
from .services import publish_articles


class BylineInline(admin.TabularInline):
    model = Byline
    autocomplete_fields = ["author"]
    fields = ["author", "order"]
    extra = 0
    min_num = 1
    verbose_name = "author"
    verbose_name_plural = "byline (in order)"


class ReferenceInline(admin.StackedInline):
    model = Reference
    form = ReferenceForm
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
    ]


@admin.register(Author)
class AuthorAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["name", "credentials"]
    search_fields = ["name", "credentials"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["headline", "status", "is_live", "published_at", "primary_topic"]
    list_filter = ["status", "primary_topic", "published_at", "featured"]
    list_select_related = ["primary_topic"]
    search_fields = ["headline", "deck", "body", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["primary_topic", "topics"]
    inlines = [BylineInline, ReferenceInline]
    actions = ["publish", "revert_to_draft"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["headline", "slug", "deck", "body"]}),
        ("Filing", {"fields": ["primary_topic", "topics", "tags"]}),
        (
            "Publishing",
            {"fields": ["status", "published_at", "updated_at", "featured"]},
        ),
        (
            "Lead image",
            {"fields": ["image", "image_alt", "image_caption", "image_credit"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        publishing_a_draft = (
            change
            and "status" in form.changed_data
            and obj.status == Article.Status.PUBLISHED
            and "published_at" not in form.changed_data
            and obj.published_at <= timezone.now()
        )
        if publishing_a_draft:
            # Same rule as the Publish action: a draft goes live now, not at the
            # time it was started. A date the editor just set is kept.
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)
        if obj.status == Article.Status.PUBLISHED and not obj.is_published:
            goes_live = date_format(timezone.localtime(obj.published_at), "DATETIME_FORMAT")
            self.message_user(
                request,
                f"“{obj}” has a future publication date: readers see it from {goes_live}.",
                messages.WARNING,
            )

    @admin.display(boolean=True, description="Live")
    def is_live(self, article):
        return article.is_published

    @admin.action(description="Publish selected articles", permissions=["change"])
    def publish(self, request, queryset):
        published, scheduled = publish_articles(queryset)
        self.message_user(request, f"Published {published} article(s).", messages.SUCCESS)
        if scheduled:
            self.message_user(
                request,
                f"{scheduled} of them have a future publication date and go live then.",
                messages.WARNING,
            )

    @admin.action(description="Revert selected articles to draft", permissions=["change"])
    def revert_to_draft(self, request, queryset):
        count = queryset.update(status=Article.Status.DRAFT)
        self.message_user(request, f"{count} article(s) reverted to draft.", messages.SUCCESS)
