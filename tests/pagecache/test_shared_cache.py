"""Several app processes share one Redis: a write in one is seen by the next request
in another. And with Redis down, readers are still served."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from pagecache import services
from tests.builders import get_topic, make_article, make_topic
from tests.pages import visible_text

from .conftest import REDIS_URL

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]


def database_url():
    db = django_settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_a_save_in_another_process_shows_on_the_next_request(redis_page_cache, reader):
    article = make_article("Nemolizumab for prurigo", primary_topic=make_topic("Itch"))
    urls = ["/", article.get_absolute_url(), article.primary_topic.get_absolute_url()]
    for url in urls:
        reader.get(url)
        assert reader.get(url)["X-Cache"] == "hit"

    script = (
        "from articles.models import Article; from articles import services; "
        f"a = Article.objects.get(pk={article.pk}); "
        "a.headline = 'Nemolizumab approved for prurigo nodularis'; "
        "services.save_article(a, by=None)"
    )
    # The other process reads this run's settings (DJANGO_SETTINGS_MODULE, and
    # PYTEST_XDIST_WORKER for the worker's cache key prefix) from the environment.
    env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": REDIS_URL}
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )

    for url in urls:
        response = reader.get(url)
        assert response["X-Cache"] == "miss", url
        assert "Nemolizumab approved for prurigo nodularis" in visible_text(response), url


def test_two_cache_connections_agree_on_the_generation(redis_page_cache):
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    other = RedisCache(REDIS_URL, {"KEY_PREFIX": django_settings.TEST_CACHE_KEY_PREFIX})
    before = other.get(services.GENERATION_KEY)
    services.bump()
    assert other.get(services.GENERATION_KEY) == before + 1
    assert caches["default"].get(services.GENERATION_KEY) == before + 1


def test_with_redis_down_pages_are_served_uncached_and_writes_go_on(settings, reader, caplog):
    settings.PAGE_CACHE = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # discard port: nothing listens
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    # Eczema is one of the topics the migrations make.
    article = make_article("Abrocitinib in adolescents", primary_topic=get_topic("eczema"))
    with caplog.at_level(logging.WARNING, logger="pagecache"):
        for url in ["/", article.get_absolute_url(), article.primary_topic.get_absolute_url()]:
            response = reader.get(url)
            assert response.status_code == 200
            assert "Abrocitinib in adolescents" in visible_text(response)
    assert any("serving uncached" in record.getMessage() for record in caplog.records)
    assert all(record.levelno == logging.WARNING for record in caplog.records)

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="pagecache"):
        article.headline = "Abrocitinib approved in adolescents"
        article.save()
    assert "could not start a new generation" in caplog.text
    assert "Abrocitinib approved in adolescents" in visible_text(reader.get("/"))
