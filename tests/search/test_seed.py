"""A clinician finds the seed article by what they remember of it."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.pages import visible_text
from tests.search.conftest import on_postgresql
from tests.search.helpers import headlines, search, snippets

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(committed):
    with committed():
        call_command("load_demo", "--allow-production", stdout=StringIO())
    return Article.objects.get()


@pytest.mark.parametrize(
    "query", ["ruxolitinib", "Opzelura", "vitiligo", "TRuE-V1", "Ruxolitinib cream vitiligo"]
)
def test_finds_the_seed(client, seed, query):
    response = search(client, query)
    assert headlines(response) == [seed.headline]
    assert response.context["paginator"].count == 1


def test_marks_the_matched_word_in_the_snippet(client, seed):
    (snippet,) = snippets(search(client, "vitiligo"))
    marked = [mark.text.lower() for mark in snippet.find_all("mark")]
    assert marked and set(marked) == {"vitiligo"}


def test_finds_the_seed_by_its_author(client, seed):
    assert headlines(search(client, "Alex Morgan")) == [seed.headline]


def test_a_word_the_seed_lacks_finds_nothing(client, seed):
    response = search(client, "psoriasis")
    assert headlines(response) == []
    assert "No articles match" in visible_text(response)


@on_postgresql
@pytest.mark.parametrize("typo", ["ruxolitnib", "ruxolitinb", "Opzelra"])
def test_finds_the_seed_despite_a_misspelling(client, seed, typo):
    assert headlines(search(client, typo)) == [seed.headline]
