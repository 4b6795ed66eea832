"""Citation records and the AMA writers: the seed's references, missing fields,
verbatim-only references."""

from datetime import date

import pytest
from django.core.management import call_command

from articles.models import Article, Reference
from articles.templatetags.articles_tags import ama_citation
from references.citations import format_ama
from references.formats import ama_html, ama_text, citation_record
from tests.builders import make_article, make_reference
from tests.pages import parse

NEJM_DOI = "10.1056/NEJMoa2118828"
INCYTE_URL = (
    "https://investor.incyte.com/news-releases/news-release-details/"
    "incyte-announces-positive-chmp-opinion-ruxolitinib-cream"
)
SKINCANCER_URL = "https://skincancer.net/clinical/skin-cancer-and-vitiligo"

SEED_AMA = [
    (
        "Rosmarin D, Passeron T, Pandya AG, et al. Two Phase 3, Randomized, Controlled Trials "
        "of Ruxolitinib Cream for Vitiligo. N Engl J Med. 2022;387(16):1445-1455. "
        "doi:10.1056/NEJMoa2118828",
        [(f"https://doi.org/{NEJM_DOI}", NEJM_DOI)],
    ),
    (
        "Incyte announces positive CHMP opinion for Ruxolitinib Cream (Opzelura\u2122) for the "
        "treatment of non-segmental vitiligo in adults and adolescents. Incyte. " + INCYTE_URL,
        [(INCYTE_URL, INCYTE_URL)],
    ),
    (
        "read ETmin, Moderator SM. Skin cancer and Vitiligo: What's the connection? "
        "SkinCancer.net. " + SKINCANCER_URL,
        [(SKINCANCER_URL, SKINCANCER_URL)],
    ),
]


@pytest.fixture
def seed_references(db):
    call_command("load_demo", "--allow-production", verbosity=0)
    return list(Article.objects.get().references.all())


def test_seed_references_in_ama(seed_references):
    assert len(seed_references) == 3
    for reference, (expected, links) in zip(seed_references, SEED_AMA, strict=True):
        html = parse(str(ama_citation(reference)))
        assert html.text == expected
        assert html.links() == links
        assert ama_text(citation_record(reference)) == expected


def test_journal_abbreviation_in_italics(seed_references):
    html = parse(str(ama_citation(seed_references[0])))

    assert [element.text for element in html.find_all("i")] == ["N Engl J Med"]


def test_admin_text_and_page_come_from_the_same_writer(seed_references):
    for reference in seed_references:
        assert format_ama(reference) == parse(str(ama_citation(reference))).text


def test_pmid_links_to_pubmed_and_accessed_date():
    reference = Reference(
        number=1,
        kind=Reference.Kind.WEB,
        title="Vitiligo",
        source="AAD",
        pmid="36260792",
        url="https://www.aad.org/vitiligo",
        accessed_on=date(2024, 3, 1),
    )
    html = parse(str(ama_citation(reference)))

    assert html.text == (
        "Vitiligo. AAD. Accessed March 1, 2024. https://www.aad.org/vitiligo PMID: 36260792"
    )
    assert ("https://pubmed.ncbi.nlm.nih.gov/36260792/", "36260792") in html.links()


def test_more_than_six_authors_are_cut_to_three_and_et_al():
    record = citation_record(
        {"authors": "A B, C D, E F, G H, I J, K L, M N", "title": "T", "year": 2020}
    )

    assert ama_text(record) == "A B, C D, E F, et al. T. 2020."


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"authors": "", "doi": ""},
            "Reference title 1. N Engl J Med. 2022;387(16):1445-1455.",
        ),
        (
            {"year": None},
            "Rosmarin D, Passeron T, Pandya AG, et al. Reference title 1. N Engl J Med. "
            "387(16):1445-1455. doi:10.1056/TEST1",
        ),
        (
            {"year": None, "volume": "", "issue": "", "pages": "", "source": ""},
            "Rosmarin D, Passeron T, Pandya AG, et al. Reference title 1. doi:10.1056/TEST1",
        ),
        (
            {"kind": Reference.Kind.WEB, "year": None, "authors": "", "url": "https://x.example/a"},
            "Reference title 1. N Engl J Med. https://x.example/a doi:10.1056/TEST1",
        ),
    ],
)
@pytest.mark.django_db
def test_missing_fields_render_sensibly(fields, expected):
    reference = make_reference(make_article(), **fields)
    text = parse(str(ama_citation(reference))).text

    assert text == expected
    for stray in ("None", ". .", ";;", "..", ";:", "();"):
        assert stray not in text


def test_verbatim_citation_keeps_its_text_and_adds_links():
    reference = Reference(
        number=1,
        citation="Some paper we could not parse. doi:10.1000/xyz",
        doi="10.1000/xyz",
    )
    html = parse(str(ama_citation(reference)))

    assert html.text == "Some paper we could not parse. doi:10.1000/xyz doi:10.1000/xyz"
    assert html.links() == [("https://doi.org/10.1000/xyz", "10.1000/xyz")]


def test_stored_text_is_escaped():
    reference = Reference(number=1, title="<script>alert(1)</script>", source="J")

    assert "<script>" not in str(ama_html(citation_record(reference)))
    assert parse(str(ama_citation(reference))).text.startswith("<script>alert(1)</script>.")
