"""Production-safe by default: HTTPS only, with nothing but SECRET_KEY and
ALLOWED_HOSTS set; plain http only when INSECURE_HTTP says so (the local demo).

The rest of the suite speaks plain http (portal/test_settings.py); these tests put
the production settings' own HTTPS values back.
"""

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
YEAR = 365 * 24 * 60 * 60


def check_deploy(**variables):
    """`manage.py check --deploy` in a fresh process with only these variables
    (plus PATH), as an operator would run it; its combined output."""
    env = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "portal.settings"}
    env.update(variables)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


PRODUCTION = {
    # 50+ random characters, as `check --deploy` wants of a real key.
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "news.example.org",
}


def test_check_deploy_is_clean_with_only_a_key_and_hosts():
    returncode, output = check_deploy(**PRODUCTION)
    assert "System check identified no issues" in output, output
    assert returncode == 0


def test_check_deploy_warns_when_the_local_demo_opts_out_of_https():
    returncode, output = check_deploy(**PRODUCTION, INSECURE_HTTP="1")
    assert returncode != 0
    for warning in ["security.W004", "security.W008", "security.W012", "security.W016"]:
        assert warning in output, output


@pytest.fixture
def https_defaults(settings):
    """The production settings' values, not the suite's http (portal/test_settings.py)."""
    module = importlib.import_module("portal.settings")
    settings.SECURE_SSL_REDIRECT = module.SECURE_SSL_REDIRECT
    assert settings.SECURE_SSL_REDIRECT is True
    return settings


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, https_defaults):
    response = client.get("/topics/?page=2", headers={"host": "localhost"})
    assert response.status_code == 301
    assert response["Location"] == "https://localhost/topics/?page=2"


@pytest.mark.django_db
def test_https_from_the_proxy_gets_hsts_for_a_year_with_subdomains_and_preload(
    client, https_defaults
):
    response = client.get("/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == f"max-age={YEAR}; includeSubDomains; preload"


@pytest.mark.django_db
def test_admin_cookies_are_secure_httponly_and_samesite(client, https_defaults):
    from django.contrib.auth.models import User

    User.objects.create_superuser("chief", "chief@example.org", "chief-pass-123")
    https = {"x-forwarded-proto": "https", "referer": "https://localhost/admin/login/"}
    login_page = client.get("/admin/login/", headers={**https, "host": "localhost"})
    csrf = login_page.cookies["csrftoken"]
    response = client.post(
        "/admin/login/",
        {
            "username": "chief",
            "password": "chief-pass-123",
            "csrfmiddlewaretoken": csrf.value,
            "next": "/admin/",
        },
        headers={**https, "host": "localhost"},
    )
    assert response.status_code == 302, response.content
    session = response.cookies["sessionid"]
    for cookie in (csrf, session):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_the_health_check_is_not_redirected(client, https_defaults):
    # A load balancer probes the app directly over http; a redirect would fail it.
    response = client.get("/healthz")
    assert response.status_code != 301


def under_pytest(code, **variables):
    """Python code run with portal/settings.py in a fresh process that looks like a
    test run (PYTEST_VERSION set), with only these variables (plus PATH)."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTEST_VERSION": "9.2.0", **variables}
    result = subprocess.run(
        [sys.executable, "-c", "import portal.settings as s; " + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return result.returncode, result.stdout.split(), result.stderr


def test_the_production_settings_do_not_know_the_test_runner():
    """The suite's own values live in portal/test_settings.py: under pytest the
    production settings still want a key and still read ADMIN_URL and the database."""
    returncode, _, stderr = under_pytest("print(s.SECRET_KEY)")
    assert returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in stderr

    returncode, out, stderr = under_pytest(
        "print(s.ADMIN_URL, 'TEST' in s.DATABASES['default'], s.SECURE_SSL_REDIRECT)",
        SECRET_KEY="k" * 50,
        ADMIN_URL="desk-9/",
    )
    assert returncode == 0, stderr
    assert out == ["desk-9/", "False", "True"]
