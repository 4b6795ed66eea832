"""/healthz answers a load balancer: 200 when the database and cache work, 503 naming
what failed otherwise; never cached, no session. Failures are real ones: a database
that cannot be reached, a cache backend that cannot store."""

import json

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import override_settings


def answer(client):
    response = client.get("/healthz")
    return response, json.loads(response.content)


@pytest.mark.django_db
def test_healthy_server_answers_200_with_each_part_ok_never_cached_without_a_session(client):
    response, body = answer(client)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert body == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_only_reading_methods_are_allowed(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200


@pytest.fixture
def unreachable_database(tmp_path):
    """The default connection pointed at a database that is not there, then back."""
    settings_dict = connection.settings_dict
    saved = dict(settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "no-such-folder" / "db.sqlite3")
    else:
        settings_dict["PORT"] = "1"  # nothing listens there
    yield
    connection.close()
    settings_dict.clear()
    settings_dict.update(saved)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_down_answers_503_naming_the_database(client, unreachable_database, caplog):
    response, body = answer(client)

    assert response.status_code == 503
    assert body == {"status": "error", "database": "error", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "the database did not answer" in caplog.text


@pytest.mark.django_db
def test_cache_that_cannot_store_answers_503_naming_the_cache(client, tmp_path, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the cache wants a folder")
    broken = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(blocker / "cache"),
        }
    }
    with override_settings(CACHES=broken):
        response, body = answer(client)

    assert response.status_code == 503
    assert body == {"status": "error", "database": "ok", "cache": "error"}
    assert "the cache did not answer" in caplog.text


@pytest.mark.django_db
def test_redis_cache_on_a_closed_port_answers_503(client):
    pytest.importorskip("redis")
    closed = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/4",
        }
    }
    with override_settings(CACHES=closed):
        response, body = answer(client)

    assert response.status_code == 503
    assert body["cache"] == "error"
