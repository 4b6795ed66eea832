"""The demo drug for the seed article, created by load_demo when missing."""

from datetime import date

from drugs.models import Drug, RegulatoryMilestone

Agency = RegulatoryMilestone.Agency
Decision = RegulatoryMilestone.Decision

RUXOLITINIB = {
    "generic_name": "ruxolitinib",
    "slug": "ruxolitinib",
    "brand_names": "Opzelura, Jakafi",
    "drug_class": "JAK1/JAK2 inhibitor",
    "formulation": "1.5% cream",
    "description": (
        "A topical Janus kinase inhibitor, sold as Opzelura cream; the oral form, "
        "Jakafi, treats myelofibrosis and other blood disorders."
    ),
}
RUXOLITINIB_MILESTONES = [
    (
        Agency.FDA,
        Decision.APPROVAL,
        date(2021, 9, 21),
        "mild to moderate atopic dermatitis in non-immunocompromised patients 12 years "
        "and older (short-term, non-continuous use)",
    ),
    (
        Agency.FDA,
        Decision.APPROVAL,
        date(2022, 7, 18),
        "non-segmental vitiligo in patients 12 years and older",
    ),
    (
        Agency.EMA,
        Decision.CHMP_POSITIVE,
        date(2023, 2, 23),
        "non-segmental vitiligo with facial involvement in adults and adolescents "
        "from 12 years of age",
    ),
]


def ensure_demo_drugs(*, article):
    """Ruxolitinib with its milestones, linked to the seed article; only when the
    drug does not exist yet. An existing drug belongs to the editors and is left
    as it is. Returns (drug, created)."""
    drug = Drug.objects.filter(generic_name__iexact=RUXOLITINIB["generic_name"]).first()
    if drug is not None:
        return drug, False
    drug = Drug.objects.create(**RUXOLITINIB)
    RegulatoryMilestone.objects.bulk_create(
        RegulatoryMilestone(drug=drug, agency=agency, decision=decision, date=day, indication=what)
        for agency, decision, day, what in RUXOLITINIB_MILESTONES
    )
    drug.articles.add(article)
    return drug, True
