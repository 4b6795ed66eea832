"""manage.py load_demo: the seed article, its author and tags, and a demo editor."""

import filecmp
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Author, Byline, Reference
from tests.builders import SEED_PATH, get_topic
from topics.models import Topic

pytestmark = pytest.mark.django_db


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_seed_copy_is_identical_to_the_shared_seed():
    # ../shared/ sits beside the checkout on developers' machines and in CI.
    shared = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "ruxolitinib-vitiligo.txt"
    if not shared.exists():
        pytest.skip(f"{shared} not available")
    assert filecmp.cmp(SEED_PATH, shared, shallow=False)


def test_loads_the_seed_article_once():
    load_demo()
    article = Article.objects.get()
    first_published_at = article.published_at
    Topic.objects.filter(slug="acne").delete()

    load_demo()

    assert Article.objects.count() == 1
    assert Reference.objects.count() == 3
    assert Byline.objects.count() == 1
    assert Author.objects.count() == 1
    assert Topic.objects.filter(slug="acne").exists()  # restored
    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    assert article.is_published
    assert article.published_at == first_published_at
    assert article.primary_topic == get_topic("vitiligo")
    assert sorted(article.tags.names()) == sorted(
        ["ruxolitinib", "Opzelura", "JAK inhibitors", "TRuE-V1", "TRuE-V2", "EMA"]
    )


def test_demo_author_is_marked_fictional():
    load_demo()
    load_demo()

    author = Author.objects.get()
    assert author.display_name == "Alex Morgan, MD, FAAD"
    assert "fictional" in author.bio


def test_editor_can_log_in_with_the_printed_password(client):
    load_demo()
    out = load_demo()

    assert "http://127.0.0.1:8000/" in out
    assert "http://127.0.0.1:8000/admin/" in out
    assert "'editor'" in out
    assert "'demo-editor-2026'" in out
    assert "demo credentials" in out
    editor = User.objects.get(username="editor")
    assert editor.is_staff
    assert not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert User.objects.count() == 1
    assert client.login(username="editor", password="demo-editor-2026")
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200


def test_seed_article_is_visible_at_its_url(client):
    load_demo()
    article = Article.objects.get()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    content = response.content.decode()
    assert article.headline in content
    assert 'href="#ref-1"' in content
    assert "Peakstock/Adobe Stock" in content
