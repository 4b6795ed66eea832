"""Security headers on every kind of response: reader pages, errors, the admin,
feeds and the site's own refusals."""

import pytest

from tests.builders import make_article

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def responses(client):
    article = make_article("Ruxolitinib cream for vitiligo", tags=["ruxolitinib"])
    return {
        "home": client.get("/"),
        "article": client.get(article.get_absolute_url()),
        "404": client.get("/no/such/page/"),
        "admin login": client.get("/admin/login/"),
        "feed": client.get("/feed/"),
        "413": client.post("/", b"x", content_type="text/plain", CONTENT_LENGTH=str(10**9)),
    }


def test_expected_statuses(responses):
    statuses = {name: response.status_code for name, response in responses.items()}
    assert statuses == {
        "home": 200,
        "article": 200,
        "404": 404,
        "admin login": 200,
        "feed": 200,
        "413": 413,
    }


def test_every_response_has_a_strict_content_security_policy(responses):
    for name, response in responses.items():
        directives = policy(response)
        assert directives["default-src"] == ["'self'"], name
        assert directives["script-src"] == ["'self'"], name
        assert directives["style-src"] == ["'self'"], name
        assert directives["img-src"] == ["'self'"], name
        assert directives["object-src"] == ["'none'"], name
        assert directives["base-uri"] == ["'self'"], name
        assert directives["form-action"] == ["'self'"], name
        assert directives["frame-ancestors"] == ["'none'"], name
        every_source = {source for sources in directives.values() for source in sources}
        assert not every_source & {"'unsafe-inline'", "'unsafe-eval'", "*", "data:"}, name


def test_every_response_has_the_other_security_headers(responses):
    for name, response in responses.items():
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", name
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", name
        assert response["X-Frame-Options"] == "DENY", name
        features = dict(
            item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
        )
        for feature in ("camera", "microphone", "geolocation", "payment", "browsing-topics"):
            assert features[feature] == "()", (name, feature)


def test_extra_image_origins_come_from_the_environment(monkeypatch):
    """CSP_IMAGE_ORIGINS adds a media CDN to img-src, read when settings load."""
    import importlib
    import sys

    monkeypatch.setenv("CSP_IMAGE_ORIGINS", "https://media.example.org, https://cdn.example.org")
    monkeypatch.setenv("SECRET_KEY", "k" * 50)  # the production settings want one
    module = importlib.import_module("portal.settings")
    fresh = importlib.util.module_from_spec(module.__spec__)
    module.__spec__.loader.exec_module(fresh)
    assert sys.modules["portal.settings"] is module  # the running settings are untouched
    assert fresh.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] == [
        "'self'",
        "https://media.example.org",
        "https://cdn.example.org",
    ]
