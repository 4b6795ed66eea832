from django.db import models
from django.urls import reverse
from django.utils import dateformat

from articles.models import WebAddressField, validate_news_date


def split_names(value):
    """ "Opzelura, Jakafi" -> ["Opzelura", "Jakafi"]: the brand names as written."""
    return [name.strip() for name in value.split(",") if name.strip()]


class Drug(models.Model):
    generic_name = models.CharField(
        max_length=200,
        unique=True,
        help_text='The international non-proprietary name, lower case, e.g. "ruxolitinib". '
        "An article tag with this name links to the drug page.",
    )
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Part of the drug page's address: /drugs/SLUG/."
    )
    brand_names = models.CharField(
        max_length=300,
        blank=True,
        help_text='Comma-separated, e.g. "Opzelura, Jakafi". An article tag with one of '
        "these names also links to the drug page.",
    )
    drug_class = models.CharField(
        "class or mechanism",
        max_length=200,
        blank=True,
        help_text='e.g. "JAK1/JAK2 inhibitor" or "IL-13 monoclonal antibody".',
    )
    formulation = models.CharField(
        max_length=200,
        blank=True,
        help_text='The form dermatologists use, e.g. "1.5% cream" or "150 mg prefilled syringe".',
    )
    description = models.TextField(
        blank=True, help_text="A short plain-text introduction shown on the drug page."
    )
    articles = models.ManyToManyField(
        "articles.Article",
        blank=True,
        related_name="drugs",
        help_text="Articles that discuss this drug. Only published ones appear on the drug page.",
    )

    class Meta:
        ordering = ["generic_name"]

    def __str__(self):
        return self.generic_name

    def get_absolute_url(self):
        return reverse("drugs:detail", kwargs={"slug": self.slug})

    @property
    def brand_list(self):
        return split_names(self.brand_names)

    @property
    def names(self):
        """Every name a tag may carry for this drug, lower-cased for matching."""
        return {name.lower() for name in [self.generic_name, *self.brand_list]}


class RegulatoryMilestone(models.Model):
    class Agency(models.TextChoices):
        FDA = "fda", "FDA (United States)"
        EMA = "ema", "EMA (European Union)"
        HEALTH_CANADA = "health-canada", "Health Canada"
        MHRA = "mhra", "MHRA (United Kingdom)"
        PMDA = "pmda", "PMDA (Japan)"
        TGA = "tga", "TGA (Australia)"
        OTHER = "other", "Other"

    class Decision(models.TextChoices):
        APPROVAL = "approval", "Approval"
        CHMP_POSITIVE = "chmp-positive", "CHMP positive opinion"
        LABEL_EXPANSION = "label-expansion", "Label expansion"
        REJECTION = "rejection", "Rejection"
        OTHER = "other", "Other"

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month only"

    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="milestones")
    agency = models.CharField(max_length=20, choices=Agency.choices)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    date = models.DateField(
        validators=[validate_news_date],
        help_text="The day of the decision, as announced, e.g. 2022-07-18; or only its month, "
        'e.g. "July 2022", when the source gives no day.',
    )
    # A source that gives only "July 2022" is kept as the 1st of the month with
    # precision "month", and the drug page shows "July 2022", never a day no one gave.
    date_precision = models.CharField(
        "date precision",
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text='"Month only": the source gives no day; the date is kept as the 1st of the '
        'month and shown as "July 2022".',
    )
    indication = models.CharField(
        max_length=300,
        help_text='e.g. "non-segmental vitiligo in patients 12 years and older".',
    )
    source_url = WebAddressField(
        "source URL",
        max_length=1000,
        blank=True,
        help_text="The agency's notice or the company's announcement.",
    )
    notes = models.TextField(blank=True, help_text="Shown under the milestone on the drug page.")

    class Meta:
        ordering = ["date", "pk"]
        get_latest_by = "date"
        verbose_name = "regulatory milestone"

    def __str__(self):
        return f"{self.title}, {self.date_iso}"

    def clean(self):
        super().clean()
        if self.date and self.date_precision == self.Precision.MONTH:
            self.date = self.date.replace(day=1)

    @property
    def month_only(self):
        return self.date_precision == self.Precision.MONTH

    @property
    def date_display(self):
        """ "July 18, 2022", or "July 2022" when only the month is known."""
        return dateformat.format(self.date, "F Y" if self.month_only else "F j, Y")

    @property
    def date_iso(self):
        """For <time datetime>: "2022-07-18", or "2022-07" (a valid month string)."""
        return self.date.isoformat()[:7] if self.month_only else self.date.isoformat()

    @property
    def title(self):
        """ "FDA approval", "EMA CHMP positive opinion": agency without its country,
        then the decision in running text (acronyms kept)."""
        agency = self.get_agency_display().split(" (")[0]
        decision = self.get_decision_display()
        if not decision[:2].isupper():
            decision = decision[0].lower() + decision[1:]
        return f"{agency} {decision}"
