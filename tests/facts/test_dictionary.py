"""The shipped dictionary of dermatology drugs: its shape, and the drugs dermatologists
meet most often with the facts their labels give."""

import re
from collections import Counter

from facts import dictionary

EXPECTED = {
    # generic: (brands, class)
    "ruxolitinib": (("Opzelura", "Jakafi"), "JAK1/JAK2 inhibitor"),
    "dupilumab": (("Dupixent",), "IL-4 receptor alpha antagonist"),
    "tralokinumab": (("Adbry", "Adtralza"), "IL-13 inhibitor"),
    "lebrikizumab": (("Ebglyss",), "IL-13 inhibitor"),
    "nemolizumab": (("Nemluvio",), "IL-31 receptor A antagonist"),
    "bimekizumab": (("Bimzelx",), "IL-17A and IL-17F inhibitor"),
    "deucravacitinib": (("Sotyktu",), "TYK2 inhibitor"),
    "upadacitinib": (("Rinvoq",), "JAK1 inhibitor"),
    "abrocitinib": (("Cibinqo",), "JAK1 inhibitor"),
    "tapinarof": (("Vtama",), "aryl hydrocarbon receptor agonist"),
    "pembrolizumab": (("Keytruda",), "PD-1 inhibitor"),
    "vismodegib": (("Erivedge",), "hedgehog pathway inhibitor"),
}


def test_at_least_two_hundred_drugs_with_unique_lower_case_generic_names():
    rows = dictionary.read()
    assert len(rows) >= 200
    generics = [row.generic_name for row in rows]
    assert [name for name, count in Counter(generics).items() if count > 1] == []
    # Lower case as the Drug table keeps it; only the toxins' "A" suffix and "B" of
    # amphotericin B are capitals.
    stems = [re.sub(r"(toxinA| B)$", "", generic) for generic in generics]
    assert [stem for stem in stems if stem != stem.lower()] == []


def test_no_brand_names_two_generics_and_no_brand_is_a_generic():
    rows = dictionary.read()
    owners = Counter(brand.lower() for row in rows for brand in row.brand_names)
    assert [brand for brand, count in owners.items() if count > 1] == []
    generics = {row.generic_name.lower() for row in rows}
    assert [brand for brand in owners if brand in generics] == []


def test_every_row_has_a_class_and_clean_fields():
    for row in dictionary.read():
        assert row.drug_class, row.generic_name
        for value in (row.generic_name, row.drug_class, row.mechanism, *row.brand_names):
            assert value == value.strip() and "  " not in value, row
        for brand in row.brand_names:
            assert brand[0].isupper(), (row.generic_name, brand)


def test_the_drugs_dermatologists_meet_most_carry_their_label_facts():
    entries = dictionary.entries()
    for generic, (brands, drug_class) in EXPECTED.items():
        entry = entries[generic]
        assert (entry.brand_names, entry.drug_class) == (brands, drug_class)
