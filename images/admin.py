from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from articles.models import Article
from portal.admin_actions import CheckedSelectionMixin

from .models import Image


class ImageAdminForm(forms.ModelForm):
    # The admin builds the form's Meta (model and fields) from ImageAdmin.
    def clean(self):
        cleaned_data = super().clean()
        image = self.instance
        lacks_consent = cleaned_data.get("kind") == Image.Kind.CLINICAL and not cleaned_data.get(
            "consent_on_file"
        )
        if image.pk is not None and lacks_consent:
            # Publishing checks consent; this keeps a live article from losing it later.
            live = Article.objects.filter(lead_image=image, status=Article.Status.PUBLISHED)
            headlines = list(live.values_list("headline", flat=True)[:3])
            if headlines:
                listed = ", ".join(f"“{headline}”" for headline in headlines)
                raise ValidationError(
                    f"This image leads published or scheduled articles ({listed}): a clinical "
                    "photograph on them needs consent on file. Take them back to draft or "
                    "give them another image first."
                )
        return cleaned_data


@admin.register(Image)
class ImageAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    form = ImageAdminForm
    list_display = [
        "thumbnail_column",
        "alt_text",
        "credit",
        "kind",
        "skin_type",
        "consent_on_file",
        "size",
        "uploaded_at",
    ]
    list_display_links = ["thumbnail_column", "alt_text"]
    list_filter = ["kind", "skin_type", "consent_on_file"]
    # Also what the article form's autocomplete for its lead image searches.
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["preview", "size", "uploaded_at", "uploaded_by"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "alt_text", "caption", "credit", "kind"]}),
        (
            "Clinical photograph",
            {
                "fields": ["skin_type", "consent_on_file"],
                "description": "For a photograph of a patient's skin. An article leading "
                "with it can be published only once consent is on file.",
            },
        ),
        ("Upload", {"fields": ["size", "uploaded_at", "uploaded_by"], "classes": ["collapse"]}),
    ]

    class Media:
        # Sizes for the thumbnail and preview: a file, as the CSP allows no inline style.
        css = {"all": ["images/admin.css"]}

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="image")
    def thumbnail_column(self, image):
        return format_html(
            '<img class="image-thumbnail" src="{}" alt="">',
            image.thumbnail.url,
        )

    @admin.display(description="size")
    def size(self, image):
        return f"{image.width} × {image.height}" if image.width else "—"

    @admin.display(description="preview")
    def preview(self, image):
        # A file picked in a form that came back with errors is not stored yet.
        if not image.pk or not image.file._committed:
            return "Shown once the image is saved."
        return format_html(
            '<img class="image-preview" src="{}" alt="{}">',
            image.rendition_800.url,
            image.alt_text,
        )
