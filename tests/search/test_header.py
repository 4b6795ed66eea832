"""Every page carries the search box: a plain form that sends q to /search/."""

import pytest
from django.urls import reverse

from tests.builders import make_article
from tests.pages import parse
from tests.search.helpers import SEARCH_URL

pytestmark = pytest.mark.django_db


def header_form(response):
    header = parse(response).find("header", cls="site-header")
    return header.find("form", role="search")


def test_every_page_has_the_search_box(client):
    article = make_article("Ruxolitinib cream", tags=["Opzelura"])
    urls = [
        reverse("home"),
        reverse("topics:index"),
        reverse("topics:detail", args=["vitiligo"]),
        article.get_absolute_url(),
        article.bylines.get().author.get_absolute_url(),
        reverse("articles:tag", args=["opzelura"]),
        SEARCH_URL,
        "/no-such-page/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        form = header_form(response)
        assert form is not None, url
        assert form.attrs["action"] == SEARCH_URL
        assert form.attrs.get("method", "get").lower() == "get"
        field = form.find("input", name="q")
        label = form.find("label")
        assert label.attrs["for"] == field.attrs["id"] and label.text
        assert form.find("button").attrs["type"] == "submit"


def test_submitting_the_box_searches(client, committed):
    with committed():
        make_article("Ruxolitinib cream")
    home = client.get(reverse("home"))
    form = header_form(home)
    response = client.get(form.attrs["action"], {form.find("input").attrs["name"]: "ruxolitinib"})
    assert response.status_code == 200
    assert parse(response).find("li", cls="search-result").find("h2").text == "Ruxolitinib cream"
