"""The demo as a reader sees it after load_demo, and what the facts service proposes
for the seed's text (which the demo's facts must be)."""

from io import StringIO

from django.core.management import call_command

from articles.models import Article
from facts.services import suggest_facts
from tests.pages import parse


def load_demo():
    out = StringIO()
    call_command("load_demo", "--allow-production", stdout=out)
    return Article.objects.get(), out.getvalue()


def proposed_for(article):
    """The proposals for the seed article's text, as the Suggest facts page makes them."""
    return suggest_facts(
        headline=article.headline,
        deck=article.deck,
        body=article.body,
        references=[(r.number, r.citation) for r in article.references.all()],
    )


def article_page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return parse(response)


def tag_links(page):
    """{tag name: [its addresses]}: the tag page, and the drug page when it has one."""
    return {
        item.find("a").text: [href for href, _ in item.links()]
        for item in page.find("ul", cls="tag-list").find_all("li")
    }
