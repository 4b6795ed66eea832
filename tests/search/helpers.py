from django.urls import reverse

from tests.pages import parse

SEARCH_URL = reverse("search:results")


def search(client, q=None, **params):
    if q is not None:
        params["q"] = q
    response = client.get(SEARCH_URL, params)
    assert response.status_code == 200, (params, response.status_code)
    return response


def headlines(response):
    """The headlines of the results, in the order shown."""
    page = parse(response)
    return [result.find("h2").text for result in page.find_all("li", cls="search-result")]


def snippets(response):
    page = parse(response)
    return [
        result.find("p", cls="search-result__snippet")
        for result in page.find_all("li", cls="search-result")
    ]
