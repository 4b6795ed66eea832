from django import template
from django.db.models import Q

from ..models import Drug

register = template.Library()


@register.simple_tag
def tags_with_drugs(tags):
    """[(tag, drug or None)] for an article's tags: a tag named like a drug's
    generic name or one of its brand names (any case) gets that drug.

    One query for all the tags (none without tags); brand names are matched in
    Python after a broad icontains filter, so "Jak" never matches "Jakafi".
    """
    tags = list(tags)
    if not tags:
        return []
    wanted = Q()
    for tag in tags:
        wanted |= Q(generic_name__iexact=tag.name) | Q(brand_names__icontains=tag.name)
    by_name = {}
    for drug in Drug.objects.filter(wanted).only("generic_name", "slug", "brand_names"):
        for name in drug.names:
            by_name.setdefault(name, drug)
    return [(tag, by_name.get(tag.name.lower())) for tag in tags]


@register.simple_tag(takes_context=True)
def drug_structured_data(context, drug):
    """schema.org Drug for the drug page, for the json_ld filter."""
    data = {
        "@context": "https://schema.org",
        "@type": "Drug",
        "name": drug.generic_name,
        "nonProprietaryName": drug.generic_name,
        "url": context["request"].build_absolute_uri(drug.get_absolute_url()),
    }
    if drug.brand_list:
        data["alternateName"] = drug.brand_list
    if drug.drug_class:
        data["drugClass"] = {"@type": "DrugClass", "name": drug.drug_class}
    if drug.formulation:
        data["dosageForm"] = drug.formulation
    if drug.description:
        data["description"] = drug.description
    return data
