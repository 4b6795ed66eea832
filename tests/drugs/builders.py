from datetime import date

from drugs.models import Drug, RegulatoryMilestone


def make_drug(generic_name="tralokinumab", *, articles=(), milestones=(), **overrides):
    """A drug; milestones as (agency, decision, date, indication) tuples."""
    fields = {
        "slug": generic_name.lower().replace(" ", "-"),
        "brand_names": "Adbry, Adtralza",
        "drug_class": "IL-13 monoclonal antibody",
        "formulation": "150 mg prefilled syringe",
    }
    fields.update(overrides)
    drug = Drug.objects.create(generic_name=generic_name, **fields)
    for agency, decision, day, indication in milestones:
        RegulatoryMilestone.objects.create(
            drug=drug, agency=agency, decision=decision, date=day, indication=indication
        )
    drug.articles.add(*articles)
    return drug


FDA_APPROVAL = ("fda", "approval", date(2021, 12, 27), "moderate to severe atopic dermatitis")
