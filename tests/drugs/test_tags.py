"""Tags naming a drug (generic or brand name, any case) link to the drug page."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.text import slugify

from articles.models import Article
from newsroom.models import SiteSettings
from tests.builders import make_article
from tests.drugs.builders import make_drug
from tests.pages import parse
from tests.test_query_counts import count_queries

pytestmark = pytest.mark.django_db


def tag_links(page):
    """{tag name: [hrefs of the links in its list item]}."""
    items = page.find("ul", cls="tag-list").find_all("li")
    return {item.find("a").text: [href for href, _ in item.links()] for item in items}


def test_seed_tags_for_ruxolitinib_and_opzelura_link_to_the_drug_page(client):
    call_command("load_demo", "--allow-production", stdout=StringIO())
    article = Article.objects.get()
    links = tag_links(parse(client.get(article.get_absolute_url())))
    assert links["ruxolitinib"] == ["/tags/ruxolitinib/", "/drugs/ruxolitinib/"]
    assert links["Opzelura"] == ["/tags/opzelura/", "/drugs/ruxolitinib/"]
    # The trial names, tags of their own (accepted with the trials), link no drug page.
    for other in ["TRuE-V1", "TRuE-V2"]:
        assert links[other] == [f"/tags/{slugify(other)}/"]


def test_brand_names_match_whole_names_in_any_case(client):
    make_drug("tralokinumab", brand_names="Adbry, Adtralza")
    article = make_article(tags=["ADTRALZA", "Tralokinumab", "Adb", "adbry extension"])
    links = tag_links(parse(client.get(article.get_absolute_url())))
    assert links["ADTRALZA"][1:] == ["/drugs/tralokinumab/"]
    assert links["Tralokinumab"][1:] == ["/drugs/tralokinumab/"]
    assert links["Adb"][1:] == []
    assert links["adbry extension"][1:] == []


def test_drug_links_cost_one_query_whatever_the_number_of_tags(client):
    SiteSettings.load()
    for n in range(6):
        make_drug(f"drug{n}", brand_names=f"Brand{n}")
    few = make_article(tags=["drug0"])
    many = make_article(tags=[*(f"drug{n}" for n in range(6)), *(f"Brand{n}" for n in range(6))])
    assert count_queries(client, many.get_absolute_url()) == count_queries(
        client, few.get_absolute_url()
    )
