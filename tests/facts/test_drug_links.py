"""Drugs named in an imported article become its tags and drug links; a drug the Drug
table lacks is only proposed, with the dictionary's facts."""

import pytest

from articles.models import Article
from articles.services import save_article
from drugs.models import Drug
from facts.services import detect_drugs
from tests.drugs.builders import make_drug
from tests.facts.builders import import_file
from tests.pages import parse

pytestmark = pytest.mark.django_db


def tag_links(page):
    """[(tag name, drug page address or None)] of the article's tag list."""
    found = []
    for item in page.find("ul", cls="tag-list").find_all("li"):
        links = item.links()
        found.append((links[0][1], links[1][0] if len(links) > 1 else None))
    return found


def test_an_import_tags_every_drug_named_and_links_the_known_ones(client):
    dupilumab = make_drug("dupilumab", brand_names="Dupixent", drug_class="IL-4Rα antagonist")

    result = import_file("dupilumab-solo1", publish=True)

    article = result.article
    assert sorted(article.tags.names()) == sorted(
        ["dupilumab", "Dupixent", "clobetasol propionate"]
    )
    assert list(article.drugs.all()) == [dupilumab]
    page = parse(client.get(article.get_absolute_url()))
    assert sorted(tag_links(page)) == [
        ("Dupixent", "/drugs/dupilumab/"),
        ("clobetasol propionate", None),
        ("dupilumab", "/drugs/dupilumab/"),
    ]
    drug_page = parse(client.get("/drugs/dupilumab/"))
    assert article.headline in drug_page.find("section", cls="drug-articles").text


def test_a_drug_not_in_the_table_is_proposed_with_its_dictionary_facts_not_created():
    result = import_file("bimekizumab-approval")

    assert not Drug.objects.exists()
    assert sorted(result.article.tags.names()) == sorted(
        ["bimekizumab", "Bimzelx", "ustekinumab", "Stelara", "adalimumab", "Humira"]
    )
    proposed = {drug.generic_name: drug for drug in detect_drugs(text=result.article.body).proposed}
    bimekizumab = proposed["bimekizumab"]
    assert bimekizumab.pk is None
    assert (bimekizumab.slug, bimekizumab.brand_names) == ("bimekizumab", "Bimzelx")
    assert bimekizumab.drug_class == "IL-17A and IL-17F inhibitor"
    assert "IL-17A and IL-17F" in bimekizumab.description
    bimekizumab.full_clean()  # an editor could save it as it is


def test_an_editor_removes_a_wrong_tag_and_link_and_an_edit_does_not_bring_them_back(client):
    make_drug("pembrolizumab", brand_names="Keytruda", drug_class="PD-1 inhibitor")
    article = import_file("pembrolizumab-adjuvant", publish=True).article
    assert {"pembrolizumab", "Keytruda", "nivolumab", "Opdivo"} <= set(article.tags.names())

    article.tags.remove("nivolumab", "Opdivo")
    article.drugs.clear()
    article.deck += " Nivolumab is not discussed further."
    save_article(article, by=None)

    article = Article.objects.get()
    assert "nivolumab" not in article.tags.names()
    assert list(article.drugs.all()) == []
    names = [name for name, _ in tag_links(parse(client.get(article.get_absolute_url())))]
    assert "Opdivo" not in names and "Keytruda" in names


@pytest.mark.parametrize(
    "text, expected",
    [
        # Brands as written or in capitals, never in lower case (a word, not a name).
        ("Taltz and TALTZ, but not taltz", {"ixekizumab": ["Taltz"]}),
        ("skin of a patient on taltz", {}),
        # Generic names in any case, on word boundaries, with suffixes and marks.
        ("RUXOLITINIB cream; Opzelura™ and Opzelura®", {"ruxolitinib": ["Opzelura"]}),
        ("adalimumab-adaz, a biosimilar", {"adalimumab": []}),
        ("antiadalimumab antibodies", {}),
        ("superadalimumab", {}),
        # A salt-less name finds its only salt; the longest name wins.
        ("clobetasol 0.05% twice daily", {"clobetasol propionate": []}),
        (
            "calcipotriene and betamethasone dipropionate foam",
            {"calcipotriene and betamethasone dipropionate": []},
        ),
        # Unicode around the names.
        (
            "Dupilumab–treated patients had 50 μg/mL ≥ target; Éric used tralokinumab.",
            {
                "dupilumab": [],
                "tralokinumab": [],
            },
        ),
    ],
)
def test_names_found_in_text(text, expected):
    facts = detect_drugs(text=text)
    assert {drug.generic_name: drug.brands for drug in facts.found} == expected
