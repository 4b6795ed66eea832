"""AMA citations: parsing pasted text into fields, writing text from fields, the admin form."""

from datetime import date

import pytest

from articles.forms import ReferenceForm
from articles.models import Reference
from articles.services import reference_fields
from articles.templatetags.articles_tags import ama_citation
from references.citations import empty_fields, format_ama, parse_ama
from tests.builders import make_article

NEJM = (
    "Rosmarin D, Passeron T, Pandya AG, et al. Two Phase 3, Randomized, Controlled Trials "
    "of Ruxolitinib Cream for Vitiligo. N Engl J Med. 2022;387(16):1445-1455. "
    "doi:10.1056/NEJMoa2118828"
)
INCYTE = (
    "Incyte announces positive CHMP opinion for Ruxolitinib Cream (Opzelura\u2122) for the "
    "treatment of non-segmental vitiligo in adults and adolescents. Incyte. "
    "https://investor.incyte.com/news-releases/news-release-details/"
    "incyte-announces-positive-chmp-opinion-ruxolitinib-cream."
)
SKINCANCER = (
    "read ETmin, Moderator SM. Skin cancer and Vitiligo: What's the connection? "
    "SkinCancer.net. https://skincancer.net/clinical/skin-cancer-and-vitiligo."
)


def test_journal_article():
    fields = parse_ama(NEJM)

    assert fields == {
        "kind": Reference.Kind.JOURNAL,
        "authors": "Rosmarin D, Passeron T, Pandya AG, et al",
        "title": "Two Phase 3, Randomized, Controlled Trials of Ruxolitinib Cream for Vitiligo",
        "source": "N Engl J Med",
        "year": 2022,
        "volume": "387",
        "issue": "16",
        "pages": "1445-1455",
        "doi": "10.1056/NEJMoa2118828",
        "pmid": "",
        "url": "",
        "accessed_on": None,
    }


def test_press_release_has_title_and_site():
    fields = parse_ama(INCYTE)

    assert fields["kind"] == Reference.Kind.WEB
    assert fields["authors"] == ""
    assert fields["title"].startswith("Incyte announces positive CHMP opinion")
    assert fields["title"].endswith("in adults and adolescents")
    assert fields["source"] == "Incyte"
    assert fields["url"] == (
        "https://investor.incyte.com/news-releases/news-release-details/"
        "incyte-announces-positive-chmp-opinion-ruxolitinib-cream"
    )


def test_web_page_with_authors_keeps_question_mark_in_title():
    fields = parse_ama(SKINCANCER)

    assert fields["kind"] == Reference.Kind.WEB
    assert fields["authors"] == "read ETmin, Moderator SM"
    assert fields["title"] == "Skin cancer and Vitiligo: What's the connection?"
    assert fields["source"] == "SkinCancer.net"
    assert fields["url"] == "https://skincancer.net/clinical/skin-cancer-and-vitiligo"


def test_accessed_and_published_dates():
    fields = parse_ama(
        "American Academy of Dermatology. Vitiligo: diagnosis and treatment. AAD. "
        "Published February 23, 2024. Accessed March 1, 2024. "
        "https://www.aad.org/public/diseases/vitiligo."
    )

    assert fields["accessed_on"] == date(2024, 3, 1)
    assert fields["year"] == 2024
    assert fields["authors"] == "American Academy of Dermatology"
    assert fields["title"] == "Vitiligo: diagnosis and treatment"
    assert fields["source"] == "AAD"


def test_pmid_abbreviation_in_title_and_doi_with_trailing_period():
    fields = parse_ama(
        "1. Smith J. The U.S. market for biologics. JAMA Dermatol. 2023;159(2):e1. "
        "doi:10.1001/jamadermatol.2022.5000. PMID: 36598772"
    )

    assert fields["title"] == "The U.S. market for biologics"
    assert fields["authors"] == "Smith J"
    assert fields["doi"] == "10.1001/jamadermatol.2022.5000"
    assert fields["pmid"] == "36598772"
    assert (fields["volume"], fields["issue"], fields["pages"]) == ("159", "2", "e1")


def test_book():
    fields = parse_ama("Bolognia JL, Schaffer JV, Cerroni L. Dermatology. 4th ed. Elsevier; 2018.")

    assert fields["kind"] == Reference.Kind.BOOK
    assert fields["authors"] == "Bolognia JL, Schaffer JV, Cerroni L"
    assert fields["title"] == "Dermatology"
    assert (fields["source"], fields["year"]) == ("Elsevier", 2018)


def test_semicolon_in_a_title_is_not_a_journal_locator():
    fields = parse_ama("Doe J. COVID-19 in 2020; a review. Br J Dermatol. 2021 Mar;184(3):e12-e20.")

    assert fields["title"] == "COVID-19 in 2020; a review"
    assert (fields["year"], fields["volume"], fields["pages"]) == (2021, "184", "e12-e20")


def test_empty_text_gives_empty_fields():
    assert parse_ama("  ") == empty_fields()


@pytest.mark.parametrize("citation", [NEJM, INCYTE, SKINCANCER])
def test_format_ama_writes_back_the_seed_citations(citation):
    # AMA ends a URL without a period; the source's citations add one.
    assert format_ama(parse_ama(citation)) == citation.removesuffix(".")


@pytest.mark.django_db
def test_format_ama_from_a_reference():
    reference = Reference(
        kind=Reference.Kind.WEB,
        title="Vitiligo: What's new?",
        source="DermWire",
        url="https://dermwire.example/vitiligo",
        accessed_on=date(2024, 2, 5),
    )

    assert format_ama(reference) == (
        "Vitiligo: What's new? DermWire. Accessed February 5, 2024. "
        "https://dermwire.example/vitiligo"
    )


def reference_form(**data):
    fields = {"number": 1, "kind": "journal", "citation": ""} | data
    return ReferenceForm(data=fields, initial={"kind": "journal"})


@pytest.mark.django_db
def test_form_fills_empty_fields_from_the_citation_text():
    form = reference_form(citation=INCYTE)

    assert form.is_valid(), form.errors
    reference = form.save(commit=False)
    assert reference.kind == Reference.Kind.WEB
    assert reference.source == "Incyte"
    assert reference.url.startswith("https://investor.incyte.com/")
    assert reference.citation == INCYTE


@pytest.mark.django_db
def test_form_leaves_fields_the_editor_filled():
    form = reference_form(citation=NEJM, title="My own title")

    assert form.is_valid(), form.errors
    reference = form.save(commit=False)
    assert reference.title == "My own title"
    assert reference.source == ""
    assert reference.doi == ""


@pytest.mark.django_db
def test_form_writes_citation_text_from_fields():
    form = reference_form(
        authors="Rosmarin D, et al",
        title="Two Phase 3 Trials",
        source="N Engl J Med",
        year=2022,
        volume="387",
        issue="16",
        pages="1445-1455",
        doi="10.1056/NEJMoa2118828",
    )

    assert form.is_valid(), form.errors
    assert form.save(commit=False).citation == (
        "Rosmarin D, et al. Two Phase 3 Trials. N Engl J Med. 2022;387(16):1445-1455. "
        "doi:10.1056/NEJMoa2118828"
    )


@pytest.mark.django_db
def test_form_refuses_an_empty_reference():
    form = reference_form()

    assert not form.is_valid()
    assert "Paste the citation text" in str(form.non_field_errors())


@pytest.mark.django_db
def test_form_saves_with_an_article():
    article = make_article()
    form = reference_form(citation=NEJM)
    assert form.is_valid(), form.errors

    reference = form.save(commit=False)
    reference.article = article
    reference.save()

    assert Reference.objects.get(article=article).doi == "10.1056/NEJMoa2118828"


def test_admin_reference_inline_uses_the_form():
    from articles.admin import ReferenceInline

    assert ReferenceInline.form is ReferenceForm


# The reference list on the page, written from the fields


def test_web_page_year_is_shown_as_its_publication_year():
    reference = Reference(
        number=1,
        **reference_fields(
            "FDA approves thing. US Food and Drug Administration. "
            "Published July 18, 2022. Accessed February 23, 2024. https://www.fda.gov/x."
        ),
    )

    assert str(ama_citation(reference)).startswith(
        "FDA approves thing. US Food and Drug Administration. Published 2022. "
        "Accessed February 23, 2024. "
    )


def test_book_publisher_and_year_are_written_the_ama_way():
    reference = Reference(
        number=1,
        **reference_fields(
            "Bolognia JL, Schaffer JV, Cerroni L. Dermatology. 4th ed. Elsevier; 2018."
        ),
    )

    assert str(ama_citation(reference)) == (
        "Bolognia JL, Schaffer JV, Cerroni L. Dermatology. Elsevier; 2018."
    )
