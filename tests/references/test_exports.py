"""The reference list as RIS, BibTeX and CSL-JSON, read back with the parsers
reference managers use; the download links and "Cite this article"."""

import json

import bibtexparser
import pytest
import rispy
from django.core.management import call_command
from django.urls import reverse
from django.utils import dateformat, timezone

from articles.models import Article
from references.formats import ama_text, bibtex, citation_record, csl_json, ris
from tests.builders import make_article, make_draft, make_reference, tomorrow
from tests.pages import parse

pytestmark = pytest.mark.django_db

NEJM_DOI = "10.1056/NEJMoa2118828"
INCYTE_URL = (
    "https://investor.incyte.com/news-releases/news-release-details/"
    "incyte-announces-positive-chmp-opinion-ruxolitinib-cream"
)
SKINCANCER_URL = "https://skincancer.net/clinical/skin-cancer-and-vitiligo"


@pytest.fixture
def seed():
    call_command("load_demo", "--allow-production", verbosity=0)
    return Article.objects.get()


def export(client, article, name):
    return client.get(reverse(f"articles:references_{name}", args=[article.slug]))


def test_ris_export_parses_with_all_three_references(client, seed):
    response = export(client, seed, "ris")

    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == (f'attachment; filename="{seed.slug}-references.ris"')
    entries = rispy.loads(response.content.decode())
    assert [entry["type_of_reference"] for entry in entries] == ["JOUR", "ELEC", "ELEC"]
    assert entries[0]["doi"] == NEJM_DOI
    assert entries[0]["authors"] == ["Rosmarin, D", "Passeron, T", "Pandya, AG"]
    assert (entries[0]["volume"], entries[0]["number"]) == ("387", "16")
    assert (entries[0]["start_page"], entries[0]["end_page"]) == ("1445", "1455")
    assert [entry["urls"] for entry in entries] == [
        [f"https://doi.org/{NEJM_DOI}"],
        [INCYTE_URL],
        [SKINCANCER_URL],
    ]


def test_bibtex_export_parses_with_all_three_references(client, seed):
    response = export(client, seed, "bibtex")

    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"].endswith('-references.bib"')
    database = bibtexparser.loads(response.content.decode())
    entries = database.entries
    assert [entry["ENTRYTYPE"] for entry in entries] == ["article", "misc", "misc"]
    assert len({entry["ID"] for entry in entries}) == 3
    assert entries[0]["doi"] == NEJM_DOI
    assert entries[0]["journal"] == "N Engl J Med"
    assert entries[0]["year"] == "2022"
    assert entries[0]["pages"] == "1445--1455"
    assert entries[0]["author"] == "Rosmarin, D and Passeron, T and Pandya, AG and others"
    assert [entry["url"] for entry in entries] == [
        f"https://doi.org/{NEJM_DOI}",
        INCYTE_URL,
        SKINCANCER_URL,
    ]


def test_csl_json_export_has_the_csl_fields(client, seed):
    response = export(client, seed, "csl")

    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    assert response["Content-Disposition"].endswith('-references.json"')
    items = json.loads(response.content)
    assert [item["type"] for item in items] == ["article-journal", "webpage", "webpage"]
    nejm = items[0]
    assert nejm["title"].startswith("Two Phase 3, Randomized")
    assert nejm["author"][0] == {"family": "Rosmarin", "given": "D"}
    assert nejm["container-title"] == "N Engl J Med"
    assert nejm["issued"] == {"date-parts": [[2022]]}
    assert nejm["DOI"] == NEJM_DOI
    assert nejm["URL"] == f"https://doi.org/{NEJM_DOI}"
    assert [item["URL"] for item in items[1:]] == [INCYTE_URL, SKINCANCER_URL]
    assert all(item["id"] and item["title"] for item in items)


def test_one_field_changed_shows_in_all_four_outputs():
    article = make_article()
    reference = make_reference(article, title="Original title")
    reference.title = "A Changed Title"
    reference.save()

    record = citation_record(article.references.get())
    assert "A Changed Title." in ama_text(record)
    assert rispy.loads(ris([record]))[0]["title"] == "A Changed Title"
    assert bibtexparser.loads(bibtex([record])).entries[0]["title"] == "A Changed Title"
    assert json.loads(csl_json([record]))[0]["title"] == "A Changed Title"


def test_special_characters_survive_the_bibtex_round_trip():
    article = make_article()
    make_reference(article, title="Efficacy & safety: 50% {better}_now", authors="O'Neil A")

    record = citation_record(article.references.get())
    entry = bibtexparser.loads(bibtex([record])).entries[0]
    assert entry["title"] == r"Efficacy \& safety: 50\% \{better\}\_now"
    assert entry["author"] == "O'Neil, A"


def test_a_reference_missing_doi_authors_and_year_still_exports():
    article = make_article()
    make_reference(article, authors="", doi="", year=None, volume="", issue="", pages="")
    record = citation_record(article.references.get())

    assert rispy.loads(ris([record]))[0]["title"] == "Reference title 1"
    entry = bibtexparser.loads(bibtex([record])).entries[0]
    assert entry["ID"] == "ref1"
    assert "year" not in entry
    item = json.loads(csl_json([record]))[0]
    assert "issued" not in item and "DOI" not in item and "author" not in item


@pytest.mark.parametrize("name", ["ris", "bibtex", "csl"])
def test_exports_404_for_unpublished_articles(client, name):
    draft = make_draft(references=1)
    scheduled = make_article(published_at=tomorrow(), references=1)

    assert export(client, draft, name).status_code == 404
    assert export(client, scheduled, name).status_code == 404


def test_article_page_links_the_downloads_and_cites_the_article(client, seed):
    page = parse(client.get(seed.get_absolute_url()))

    downloads = page.find("p", cls="reference-downloads")
    assert downloads.text == "Download references: RIS · BibTeX · CSL-JSON"
    assert [href for href, _ in downloads.links()] == [
        reverse("articles:references_ris", args=[seed.slug]),
        reverse("articles:references_bibtex", args=[seed.slug]),
        reverse("articles:references_csl", args=[seed.slug]),
    ]
    cite = page.find("section", cls="cite-article")
    published = timezone.localtime(seed.published_at)
    today = timezone.localdate()
    url = f"http://testserver{seed.get_absolute_url()}"
    byline = seed.bylines.get().author.name.split()
    assert cite.text == (
        f"Cite this article {byline[-1]} {''.join(word[0] for word in byline[:-1])}. "
        f"{seed.headline}. Dermatology News. "
        f"Published {dateformat.format(published, 'F j, Y')}. "
        f"Accessed {dateformat.format(today, 'F j, Y')}. {url}"
    )
    assert cite.links() == [(url, url)]
