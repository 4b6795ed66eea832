"""Evidence at a glance: the trials an article reports on, as structured data.

Shown as a table near the top of the article and as schema.org MedicalTrial in
its JSON-LD (syndication.structured_data.medical_trials).
"""

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models

NCT_PATTERN = r"^NCT\d{8}$"
REGISTRY_URL = "https://clinicaltrials.gov/study/{}"


class TrialSummary(models.Model):
    class Phase(models.TextChoices):
        EARLY_1 = "early-1", "Early phase 1"
        PHASE_1 = "1", "Phase 1"
        PHASE_1_2 = "1/2", "Phase 1/2"
        PHASE_2 = "2", "Phase 2"
        PHASE_2_3 = "2/3", "Phase 2/3"
        PHASE_3 = "3", "Phase 3"
        PHASE_4 = "4", "Phase 4"

    class Blinding(models.TextChoices):
        OPEN = "open", "open-label"
        SINGLE = "single", "single-blind"
        DOUBLE = "double", "double-blind"
        TRIPLE = "triple", "triple-blind"

    class Control(models.TextChoices):
        PLACEBO = "placebo", "placebo-controlled"
        VEHICLE = "vehicle", "vehicle-controlled"
        ACTIVE = "active", "active-controlled"
        NONE = "none", "uncontrolled"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="trials")
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Trials are shown from left to right in this order."
    )
    name = models.CharField(
        "trial name(s)",
        max_length=200,
        help_text='As readers know it, e.g. "TRuE-V1"; pooled trials as "TRuE-V1 and TRuE-V2".',
    )
    nct_number = models.CharField(
        "NCT number",
        max_length=11,
        blank=True,
        validators=[RegexValidator(NCT_PATTERN, "Enter NCT and 8 digits, e.g. NCT04052425.")],
        help_text="The ClinicalTrials.gov identifier, e.g. NCT04052425; readers get a link "
        "to the registry entry.",
    )
    phase = models.CharField(max_length=10, choices=Phase.choices, blank=True)
    randomised = models.BooleanField(null=True, blank=True, help_text="Empty: not reported.")
    allocation_ratio = models.CharField(
        "allocation ratio",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^\d+(:\d+)+$", 'Enter a ratio such as "2:1".')],
        help_text='Of a randomised trial, e.g. "2:1" (two on the drug for one on the comparator).',
    )
    blinding = models.CharField(
        max_length=10, choices=Blinding.choices, blank=True, help_text="Empty: not reported."
    )
    control = models.CharField(
        max_length=10, choices=Control.choices, blank=True, help_text="Empty: not reported."
    )
    condition = models.CharField(
        max_length=200, blank=True, help_text='What was treated, e.g. "Non-segmental vitiligo".'
    )
    population = models.CharField(
        max_length=500,
        blank=True,
        help_text='Who took part, e.g. "Patients aged 12 years and older with facial involvement".',
    )
    participants = models.PositiveIntegerField(
        "participants (N)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="How many were randomised (or enrolled), e.g. 330.",
    )
    intervention = models.CharField(
        max_length=300,
        help_text='Drug, dose and schedule, e.g. "Ruxolitinib 1.5% cream twice daily".',
    )
    comparator = models.CharField(
        max_length=300, blank=True, help_text='e.g. "Vehicle cream twice daily".'
    )
    primary_endpoint = models.CharField(
        "primary endpoint",
        max_length=300,
        help_text='e.g. "F-VSI75 (75% improvement in the Facial Vitiligo Area Scoring Index)".',
    )
    time_point = models.CharField(
        "time point", max_length=100, blank=True, help_text='When it was measured, e.g. "Week 24".'
    )
    result = models.TextField(
        help_text="The primary endpoint's result as the source reports it, e.g. \"29.8% vs "
        '7.4%". Only numbers the article or its source gives.'
    )
    safety = models.TextField(
        "key safety findings",
        blank=True,
        help_text='e.g. "Adverse events in more than half of participants, mostly mild."',
    )
    reference = models.ForeignKey(
        "articles.Reference",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trial_summaries",
        verbose_name="source reference",
        help_text="The article's reference the numbers come from; linked from the table. "
        "Save a new article first to choose among its references.",
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "trial summary"
        verbose_name_plural = "trial summaries"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#evidence"

    def clean(self):
        super().clean()
        if self.reference_id is not None and self.reference.article_id != self.article_id:
            raise ValidationError({"reference": "Choose one of this article's own references."})

    @property
    def registry_url(self):
        return REGISTRY_URL.format(self.nct_number) if self.nct_number else ""

    @property
    def design(self):
        """The design in words: "Randomised 2:1, double-blind, vehicle-controlled"."""
        parts = []
        if self.randomised:
            parts.append(f"randomised {self.allocation_ratio}".strip())
        elif self.randomised is False:
            parts.append("non-randomised")
        if self.blinding:
            parts.append(self.get_blinding_display())
        if self.control:
            parts.append(self.get_control_display())
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]


# Followed from Article (articles.models): a revision of an article holds its trials.
reversion.register(TrialSummary)
