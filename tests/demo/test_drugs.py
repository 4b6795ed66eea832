"""The seed's drug after load_demo: the tags link the drug page the facts service
proposed from the text, whose milestones are those the text dates; an editor's
changes survive the next run."""

import pytest

from drugs.models import Drug
from tests.demo.pages import article_page, load_demo, tag_links
from tests.pages import parse

pytestmark = pytest.mark.django_db


def drug_page(client, slug="ruxolitinib"):
    response = client.get(f"/drugs/{slug}/")
    assert response.status_code == 200
    return parse(response)


def timeline(page):
    found = page.find("ol", cls="timeline")
    return [] if found is None else found.find_all("li")


def test_the_seed_links_its_drug_page_by_the_names_its_text_uses(client):
    article, _ = load_demo()

    links = tag_links(article_page(client, article))

    assert links["ruxolitinib"] == ["/tags/ruxolitinib/", "/drugs/ruxolitinib/"]
    assert links["Opzelura"] == ["/tags/opzelura/", "/drugs/ruxolitinib/"]


def test_the_drug_page_has_the_dictionarys_facts_and_the_texts_formulation(client):
    article, _ = load_demo()

    page = drug_page(client)

    assert page.find("h1").text == "ruxolitinib"
    facts = page.find("dl", cls="drug-facts")
    terms = [term.text for term in facts.find_all("dt")]
    values = [value.text for value in facts.find_all("dd")]
    assert dict(zip(terms, values, strict=True)) == {
        "Brand names": "Opzelura, Jakafi",
        "Class": "JAK1/JAK2 inhibitor",
        "Formulation": "1.5% cream",  # "a 1.5% ruxolitinib cream"
    }
    listed = dict(page.find("section", cls="drug-articles").links())
    assert listed[article.get_absolute_url()] == article.headline


def test_the_milestone_the_text_dates_shows_its_month_and_no_made_up_day(client):
    load_demo()

    [item] = timeline(drug_page(client))

    # "approved ... in July 2022, when it became the first ... treatment for non-segmental
    # vitiligo". The positive opinion and the atopic dermatitis approval have no date in
    # the text: load_demo leaves them to an editor.
    assert item.find("time").attrs["datetime"] == "2022-07"
    assert item.text == "July 2022 FDA approval: non-segmental vitiligo"


def test_the_editors_changes_to_the_drug_survive_a_second_run(client):
    load_demo()
    drug = Drug.objects.get()
    drug.formulation = "1.5% cream, 100 g tube"
    drug.save()
    drug.milestones.get().delete()

    load_demo()

    page = drug_page(client)
    assert "1.5% cream, 100 g tube" in page.find("dl", cls="drug-facts").text
    assert timeline(page) == []
    assert Drug.objects.count() == 1
