"""One form a proposal: the editor accepts it as shown, edits it, or leaves it out."""

from django import forms

from drugs import forms as drug_forms
from drugs.models import Drug, RegulatoryMilestone
from evidence.models import TrialSummary


class ProposalForm(forms.ModelForm):
    accept = forms.BooleanField(
        required=False, label="Accept", help_text="Only accepted proposals are saved."
    )

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The sentences the proposal comes from, shown beside it.
        self.sources = list(dict.fromkeys(sources))

    @property
    def accepted(self):
        return self.is_bound and self.data.get(self.add_prefix("accept")) in ("on", "true", "1")

    def full_clean(self):
        # A proposal left out is not checked: rejecting it needs no fix.
        if self.is_bound and not self.accepted:
            self.cleaned_data, self._errors = {"accept": False}, forms.utils.ErrorDict()
            return
        super().full_clean()


class TrialForm(ProposalForm):
    class Meta:
        model = TrialSummary
        fields = [
            "name",
            "nct_number",
            "phase",
            "randomised",
            "allocation_ratio",
            "blinding",
            "control",
            "participants",
            "condition",
            "intervention",
            "comparator",
            "primary_endpoint",
            "time_point",
            "result",
            "safety",
            "reference",
        ]
        widgets = {
            "result": forms.Textarea(attrs={"rows": 2}),
            "safety": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        # The source is one of this article's references (which the model checks).
        self.fields["reference"].queryset = article.references.all()
        self.instance.article = article


class DrugForm(ProposalForm):
    class Meta:
        model = Drug
        fields = ["generic_name", "slug", "brand_names", "drug_class", "formulation", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class MilestoneForm(ProposalForm, drug_forms.MilestoneForm):
    """The date as on the drug admin: a day, or "July 2022" when the text gives no day."""

    drug_name = forms.CharField(
        label="drug (generic name)",
        help_text="A drug page that exists or one accepted above.",
    )

    class Meta:
        model = RegulatoryMilestone
        fields = ["drug_name", "agency", "decision", "date", "indication"]


class TakeawaysForm(forms.Form):
    accept = forms.BooleanField(required=False, label="Accept")
    takeaways = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False)

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = list(sources)

    @property
    def accepted(self):
        return self.is_bound and self.data.get(self.add_prefix("accept")) in ("on", "true", "1")
