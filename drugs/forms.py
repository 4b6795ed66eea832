"""A milestone's date as a source gives it: a day, or only a month."""

from dataclasses import dataclass
from datetime import date, datetime

from django import forms

from .models import RegulatoryMilestone

Precision = RegulatoryMilestone.Precision
DAY_FORMATS = ["%Y-%m-%d", "%B %d, %Y", "%B %d %Y", "%d %B %Y", "%b %d, %Y", "%b %d %Y"]
MONTH_FORMATS = ["%Y-%m", "%B %Y", "%b %Y"]


@dataclass(frozen=True)
class MilestoneDate:
    """A day (precision "day") or the 1st of a month (precision "month")."""

    day: date
    precision: str = Precision.DAY

    @classmethod
    def of(cls, milestone):
        return cls(milestone.date, milestone.date_precision)

    def __str__(self):
        # What the editor reads and may type back: "2022-07-18" or "July 2022".
        if self.precision == Precision.MONTH:
            return f"{self.day:%B} {self.day.year}"
        return self.day.isoformat()


def parse_milestone_date(text):
    """MilestoneDate of "2022-07-18", "July 18, 2022", "2022-07" or "July 2022"; None if
    it is neither a day nor a month."""
    text = " ".join(text.split())
    for formats, precision in [(DAY_FORMATS, Precision.DAY), (MONTH_FORMATS, Precision.MONTH)]:
        for pattern in formats:
            try:
                day = datetime.strptime(text, pattern).date()
            except ValueError:
                continue
            return MilestoneDate(day, precision)
    return None


class MilestoneDateField(forms.CharField):
    default_error_messages = {
        "invalid": 'Enter a day, e.g. 2022-07-18 or "July 18, 2022", or only the month, '
        'e.g. "July 2022", when the source gives no day.',
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Date")
        kwargs.setdefault(
            "help_text",
            'A day, e.g. 2022-07-18, or only the month, e.g. "July 2022", when the source '
            "gives no day: the drug page then shows the month and year alone.",
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 14}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, date):
            return value.isoformat()
        return str(value) if isinstance(value, MilestoneDate) else value

    def to_python(self, value):
        if isinstance(value, MilestoneDate):
            return value
        text = super().to_python(value)
        if not text:
            return None
        found = parse_milestone_date(text)
        if found is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return found


class MilestoneForm(forms.ModelForm):
    """A milestone with its date typed as a day or a month; the month's precision is
    kept with the date."""

    date = MilestoneDateField()

    class Meta:
        model = RegulatoryMilestone
        fields = ["date", "agency", "decision", "indication", "source_url", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "date" not in kwargs.get("initial", {}):
            self.initial["date"] = MilestoneDate.of(self.instance)

    def clean(self):
        cleaned = super().clean()
        when = cleaned.get("date")
        if isinstance(when, MilestoneDate):
            cleaned["date"] = when.day
            self.instance.date_precision = when.precision
        return cleaned
