from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Version

from references.citations import format_ama, parse_ama

from . import workflow
from .markup import body_citations, is_allowed_link, link_targets
from .models import Article, Reference, Tag
from .services import STRUCTURED_REFERENCE_FIELDS, valid_reference_fields

MAX_TAKEAWAYS = 5
MAX_TAKEAWAY_LENGTH = 200


class ArticleAdminForm(forms.ModelForm):
    """The article as an editor or writer edits it.

    Room to write (a full-width headline, a short deck box and a tall body box),
    the state to move the article to (only the moves this user may make are
    offered), and an edit token that refuses a save based on a stale copy.
    ``user`` is set by the admin on the class it builds for each request.
    """

    user = None

    state = forms.ChoiceField(
        label="State",
        help_text="Draft: being written. In review: waiting for an editor. Scheduled: "
        "goes live at the publication date. Published: live now. Archived: withdrawn "
        "from readers, kept for the record.",
    )
    mark_updated = forms.BooleanField(
        label="Substantive update",
        required=False,
        help_text='Readers see "Updated" with the time of this save. Leave unticked for '
        "typos and layout; for a correction, add a correction note below.",
    )
    resolve_import_warnings = forms.BooleanField(
        label="Import warnings resolved",
        required=False,
        help_text="Tick once what the import warnings say is corrected; until then the "
        "article cannot be published or scheduled.",
    )
    version_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        # The admin's fieldsets decide what is shown; these are the fields it may use.
        fields = [
            "headline", "slug", "deck", "body", "primary_topic", "topics", "tags",
            "published_at", "featured", "lead_image",
            "article_type", "takeaways", "reviewed_by", "reviewed_on", "disclosure",
            "source_name", "source_year", "source_url",
        ]  # fmt: skip
        widgets = {
            "headline": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "deck": forms.Textarea(attrs={"class": "vLargeTextField", "rows": 3}),
            "takeaways": forms.Textarea(attrs={"class": "vLargeTextField", "rows": 5}),
            "disclosure": forms.Textarea(attrs={"class": "vLargeTextField", "rows": 2}),
            "body": forms.Textarea(attrs={"class": "vLargeTextField", "rows": 24}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = workflow.state_of(self.instance)
        states = [current, *workflow.allowed_moves(self.user, self.instance)]
        self.fields["state"].choices = [
            (state, workflow.STATE_LABELS[state])
            for state in workflow.STATE_ORDER
            if state in states
        ]
        self.fields["state"].initial = current
        self.fields["version_token"].initial = str(self.instance.edit_token)
        if not (self.instance.has_been_public and workflow.is_editor(self.user)):
            del self.fields["mark_updated"]
        if not self.instance.import_warnings.strip():
            del self.fields["resolve_import_warnings"]

    def clean_takeaways(self):
        points = [line.strip() for line in self.cleaned_data["takeaways"].splitlines()]
        points = [point for point in points if point]
        if len(points) > MAX_TAKEAWAYS:
            raise ValidationError(
                f"At most {MAX_TAKEAWAYS} key takeaways, one per line; there are {len(points)}."
            )
        too_long = [point for point in points if len(point) > MAX_TAKEAWAY_LENGTH]
        if too_long:
            raise ValidationError(
                f"Keep each takeaway under {MAX_TAKEAWAY_LENGTH} characters; "
                f"“{too_long[0][:40]}…” is longer."
            )
        return "\n".join(points)

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

    def clean_body(self):
        body = self.cleaned_data["body"]
        refused = [href for href in link_targets(body) if not is_allowed_link(href)]
        if refused:
            listed = ", ".join(f"“{href[:80]}”" for href in refused[:3])
            raise ValidationError(
                f"Links must be web addresses (https://…) or e-mail addresses; not {listed}."
            )
        return body

    def clean(self):
        cleaned_data = super().clean()
        self.check_not_stale()
        state = cleaned_data.get("state")
        published_at = cleaned_data.get("published_at", self.instance.published_at)
        now = timezone.now()
        # "Published" with a time to come is what scheduling means.
        can_schedule = workflow.SCHEDULED in dict(self.fields["state"].choices)
        if state == workflow.PUBLISHED and published_at and published_at > now and can_schedule:
            cleaned_data["state"] = state = workflow.SCHEDULED
        if state == workflow.SCHEDULED and (published_at is None or published_at <= now):
            self.add_error(
                "published_at", "A scheduled article needs a publication date and time to come."
            )
        lead_image = cleaned_data.get("lead_image")
        going_live = state in (workflow.PUBLISHED, workflow.SCHEDULED)
        if going_live and lead_image is not None and lead_image.lacks_consent:
            self.add_error("lead_image", lead_image.NO_CONSENT_MESSAGE)
        current = workflow.state_of(self.instance, now)
        unresolved = self.instance.import_warnings.strip() and not cleaned_data.get(
            "resolve_import_warnings"
        )
        if going_live and state != current and unresolved:
            self.add_error(
                "resolve_import_warnings",
                "Resolve the import warnings before publishing: correct what they say, "
                "then tick this box.",
            )
        live = current == workflow.PUBLISHED
        if live and state == workflow.PUBLISHED and published_at is None:
            self.add_error(
                "published_at",
                "This article is live: keep its publication date (readers see it). To "
                "date it now, enter today's date and time.",
            )
        if live and state == workflow.PUBLISHED and published_at and published_at > now:
            # Readers have it now; a date to come would silently take it down.
            self.add_error(
                "published_at",
                "This article is live, so its publication date cannot be in the future. "
                "To run it again later, move it back to draft first, then schedule it.",
            )
        return cleaned_data

    def check_not_stale(self):
        """Refuse a save made from a copy someone else has saved over since it was opened."""
        if self.instance.pk is None:
            return
        # Locks the row until this save's transaction ends (PostgreSQL), so of two
        # saves at the same moment the second sees the first one's new token.
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("edit_token", flat=True)
            .first()
        )
        submitted = self.cleaned_data.get("version_token") or self.data.get("version_token")
        if current is not None and str(current) != (submitted or ""):
            latest = Version.objects.get_for_object_reference(Article, self.instance.pk).first()
            who = ""
            if latest is not None:
                user = latest.revision.user
                when = date_format(
                    timezone.localtime(latest.revision.date_created), "DATETIME_FORMAT"
                )
                who = f" ({user.get_username() if user else 'the system'}, {when})"
            raise ValidationError(
                "Someone else saved this article after you opened it"
                f"{who}. Your changes were not saved: copy them, reload the page to see "
                "the current version, and apply them again.",
                code="stale",
            )


class ReferenceForm(forms.ModelForm):
    """A reference entered either as pasted citation text or as fields.

    Citation text with every field empty: the fields are filled from the text.
    Fields with no citation text: the text is written from the fields.
    """

    class Meta:
        model = Reference
        fields = [
            "number", "kind", "citation", *STRUCTURED_REFERENCE_FIELDS,
            "notice", "notice_date", "notice_url",
        ]  # fmt: skip

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


class ReferenceFormSet(BaseInlineFormSet):
    """The reference list checked against the body it belongs to.

    The admin validates the article form before its inlines, so ``self.instance``
    holds the body as just submitted.
    """

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        numbers = {
            form.cleaned_data["number"]
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("number")
        }
        missing = sorted(body_citations(self.instance.body) - numbers)
        if missing:
            listed = ", ".join(str(number) for number in missing)
            plural = "s" if len(missing) > 1 else ""
            raise ValidationError(
                f"The body cites reference{plural} {listed}, which the list below does not "
                f"have. Add reference{plural} {listed} or correct the citation in the body."
            )


# The states an article needs a byline for: an editor reads, readers see who wrote it.
NEEDS_BYLINE = {workflow.REVIEW, workflow.SCHEDULED, workflow.PUBLISHED}


class BylineFormSet(BaseInlineFormSet):
    """The byline, needed once the article goes to review or live; a draft may wait.

    ``target_state`` is the state the article form moves the article to, set by
    the admin before validation.
    """

    target_state = None

    def clean(self):
        super().clean()
        if any(self.errors) or self.target_state not in NEEDS_BYLINE:
            return
        authors = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("author")
        ]
        if not authors:
            raise ValidationError(
                "Add at least one author to the byline before submitting for review or "
                "publishing. A draft may be saved without one.",
                code="no_byline",
            )
