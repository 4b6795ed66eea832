"""Search follows every change of an article and its parts (PostgreSQL's stored vectors)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import services
from articles.models import Article, Tag
from imports.parser import parse_article_text
from imports.services import apply_pending_import, import_article
from tests.articles.test_admin import change_form_data, change_url
from tests.builders import get_topic, make_article, make_article_text, make_author
from tests.search.conftest import on_postgresql
from tests.search.helpers import headlines, search

pytestmark = pytest.mark.django_db

HEADLINE = "Cream study reports durable repigmentation"


@pytest.fixture
def article(committed):
    with committed():
        return make_article(HEADLINE, primary_topic=get_topic("acne"), references=1)


def finds(client, query):
    return headlines(search(client, query)) == [HEADLINE]


@on_postgresql
def test_tags_added_and_removed_through_the_orm(client, committed, article):
    assert not finds(client, "Opzelura")
    with committed():
        article.tags.add("Opzelura")
    assert finds(client, "Opzelura")
    with committed():
        article.tags.remove("Opzelura")
    assert not finds(client, "Opzelura")


@on_postgresql
def test_topics_and_primary_topic(client, committed, article):
    assert not finds(client, "melasma")
    with committed():
        article.topics.add(get_topic("melasma"))
    assert finds(client, "melasma")
    with committed():
        get_topic("melasma").articles.clear()
    assert not finds(client, "melasma")
    with committed():
        article.primary_topic = get_topic("rosacea")
        services.save_article(article, by=None)
    assert finds(client, "rosacea") and not finds(client, "acne")


@on_postgresql
def test_references_and_bylines(client, committed, article):
    with committed():
        reference = article.references.get()
        reference.title = "Baricitinib for alopecia areata"
        reference.save()
    assert finds(client, "baricitinib")
    with committed():
        reference.delete()
    assert not finds(client, "baricitinib")
    with committed():
        article.bylines.create(author=make_author("Priya Raman"), order=5)
    assert finds(client, "Raman")


@on_postgresql
def test_renaming_a_tag_topic_or_author(client, committed, article):
    with committed():
        article.tags.add("INCB18424")
    with committed():
        tag = Tag.objects.get(name="INCB18424")
        tag.name = "Opzelura"
        tag.save()
        topic = get_topic("acne")
        topic.name = "Acne and rosacea"
        topic.save()
        author = article.authors.get()
        author.name = "Samira Haddad"
        author.save()
    assert finds(client, "Opzelura") and not finds(client, "INCB18424")
    assert finds(client, "rosacea")
    assert finds(client, "Haddad")


@on_postgresql
def test_text_edited_through_save_article(client, committed, article):
    with committed():
        article.deck = "Tapinarof foam for plaque psoriasis."
        services.save_article(article, by=None)
    assert finds(client, "tapinarof")


@on_postgresql
def test_tags_edited_in_the_admin(client, committed, editor_client, article):
    data = change_form_data(editor_client, article, tags="Opzelura, TRuE-V2")
    with committed():
        response = editor_client.post(change_url(article), data)
    assert response.status_code == 302
    assert finds(client, "Opzelura") and finds(client, "TRuE-V2")


@on_postgresql
def test_an_import_and_a_reimport(client, committed):
    text = make_article_text(headline=HEADLINE)
    with committed():
        result = import_article(
            parse_article_text(text), topics=[get_topic("eczema")], authors=[], publish=True
        )
    assert finds(client, "adolescents") and finds(client, "ECZTRA")
    changed = text.replace("Is long-term tralokinumab safe?", "Nemolizumab and prurigo?")
    with committed():
        again = import_article(
            parse_article_text(changed), topics=[get_topic("eczema")], authors=[]
        )
    # The article is live: the re-import waits for review, and readers search the live text.
    assert not finds(client, "nemolizumab")
    with committed():
        apply_pending_import(article_id=result.article.pk, pending_id=again.pending.pk, by=None)
    assert finds(client, "nemolizumab")
    assert Article.objects.get().pk == result.article.pk


def vector_updates(queries):
    return [
        query["sql"]
        for query in queries
        if query["sql"].startswith('UPDATE "articles_article" SET "search_vector"')
    ]


def test_one_refresh_per_transaction_and_none_on_sqlite(committed):
    with CaptureQueriesContext(connection) as queries, committed():
        article = make_article(
            references=6,
            authors=[make_author(), make_author()],
            tags=["a", "b", "c"],
            topics=[get_topic("eczema"), get_topic("melasma")],
        )
    expected = 1 if connection.vendor == "postgresql" else 0
    assert len(vector_updates(queries)) == expected
    article.refresh_from_db()
    assert (article.search_vector is None) == (connection.vendor != "postgresql")


@on_postgresql
def test_reindex_search_rebuilds_what_bulk_writes_skipped(client, committed, article):
    # QuerySet.update() sends no signals: the vector is stale until a reindex.
    Article.objects.filter(pk=article.pk).update(body="Spesolimab for pustular psoriasis.")
    assert not finds(client, "spesolimab")
    out = StringIO()
    call_command("reindex_search", stdout=out)
    assert "rebuilt for 1 article" in out.getvalue()
    assert finds(client, "spesolimab")
