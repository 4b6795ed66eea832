"""Two people saving at once: each gets a sane answer, nothing is lost, never a 500.

These tests commit for real (transaction=True) and save from several threads, each
with its own database connection, so SQLite's locking (WAL, IMMEDIATE transactions,
busy timeout) and PostgreSQL's row locks are what is tested.
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from articles.models import Article
from tests.builders import form_data_from, make_article, make_editor

# Transactional tests start from the migrations' rows (tests/conftest.py).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

THREADS = 6


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def opened_form(client, article):
    page = client.get(change_url(article))
    assert page.status_code == 200
    return form_data_from(page.content.decode(), "article_form")


def run_together(jobs):
    """Run the callables at the same moment, one thread each; return their results
    (or the exception each raised)."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except Exception as error:  # reported, not swallowed: the test asserts on it
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_editors_saving_the_same_article_at_once_one_wins_the_others_are_told():
    article = make_article("Shared story")
    editors = [make_editor(f"editor{index}") for index in range(THREADS)]
    clients, forms = [], []
    for editor in editors:
        client = Client()
        client.force_login(editor)
        clients.append(client)
        forms.append(opened_form(client, article))  # everyone opens the same version

    def save(index):
        data = {**forms[index], "deck": f"Deck written by editor {index}.", "_save": "Save"}
        return clients[index].post(change_url(article), data)

    responses = run_together([lambda i=i: save(i) for i in range(THREADS)])

    assert not [r for r in responses if isinstance(r, Exception)], responses
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * (THREADS - 1) + [302]
    winner = next(i for i, r in enumerate(responses) if r.status_code == 302)
    assert Article.objects.get(pk=article.pk).deck == f"Deck written by editor {winner}."
    for response in responses:
        if response.status_code == 200:
            errors = response.context["adminform"].form.non_field_errors()
            assert "Someone else saved this article after you opened it" in " ".join(errors)


def test_editors_saving_different_articles_at_once_all_succeed():
    articles = [make_article(f"Story {index}") for index in range(THREADS)]
    clients, forms = [], []
    for index, article in enumerate(articles):
        client = Client()
        client.force_login(make_editor(f"editor{index}"))
        clients.append(client)
        forms.append(opened_form(client, article))

    def save(index):
        data = {**forms[index], "deck": f"Saved at once {index}.", "_save": "Save"}
        return clients[index].post(change_url(articles[index]), data)

    responses = run_together([lambda i=i: save(i) for i in range(THREADS)])

    assert not [r for r in responses if isinstance(r, Exception)], responses
    assert [response.status_code for response in responses] == [302] * THREADS
    assert [Article.objects.get(pk=a.pk).deck for a in articles] == [
        f"Saved at once {index}." for index in range(THREADS)
    ]
