from django import forms
from django.core.exceptions import ValidationError
from taggit.models import Tag

from .citations import format_ama, parse_ama
from .models import Article, Reference
from .services import STRUCTURED_REFERENCE_FIELDS, valid_reference_fields


class ArticleAdminForm(forms.ModelForm):
    """Room to write: a full-width headline, a short deck box and a tall body box."""

    class Meta:
        model = Article
        # The admin's fieldsets decide what is shown; these are the fields it may use.
        fields = [
            "headline", "slug", "deck", "body", "primary_topic", "topics", "tags",
            "status", "published_at", "updated_at", "featured",
            "image", "image_alt", "image_caption", "image_credit",
        ]  # fmt: skip
        widgets = {
            "headline": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "deck": forms.Textarea(attrs={"class": "vLargeTextField", "rows": 3}),
            "body": forms.Textarea(attrs={"class": "vLargeTextField", "rows": 24}),
            "image_caption": forms.TextInput(attrs={"class": "vLargeTextField"}),
        }

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        max_length = Tag._meta.get_field("name").max_length
        for name in tags:
            if len(name) > max_length:
                raise ValidationError(
                    f"A tag can be at most {max_length} characters long; “{name[:40]}…” is longer."
                )
            # The tag page's address is made from the name; "+" alone gives none.
            if not Tag().slugify(name):
                raise ValidationError(f"The tag “{name}” needs at least one letter or digit.")
        return tags


class ReferenceForm(forms.ModelForm):
    """A reference entered either as pasted citation text or as fields.

    Citation text with every field empty: the fields are filled from the text.
    Fields with no citation text: the text is written from the fields.
    """

    url = forms.URLField(label="URL", max_length=1000, required=False, assume_scheme="https")

    class Meta:
        model = Reference
        fields = ["number", "kind", "citation", *STRUCTURED_REFERENCE_FIELDS]

    def clean(self):
        cleaned_data = super().clean()
        present = [name for name in STRUCTURED_REFERENCE_FIELDS if name in cleaned_data]
        citation = (cleaned_data.get("citation") or "").strip()
        structured_empty = all(cleaned_data.get(name) in (None, "") for name in present)
        if self.errors:
            return cleaned_data
        if citation and structured_empty:
            parsed = parse_ama(citation)
            cleaned_data.update(valid_reference_fields({name: parsed[name] for name in present}))
            if "kind" not in self.changed_data:
                cleaned_data["kind"] = parsed["kind"]
        elif not citation and not structured_empty:
            cleaned_data["citation"] = format_ama(cleaned_data)
        elif not citation:
            raise ValidationError("Paste the citation text, or fill in the fields below.")
        return cleaned_data
