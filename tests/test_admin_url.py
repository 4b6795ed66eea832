"""ADMIN_URL moves the newsroom; everything that names its address follows."""

import importlib
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import clear_url_caches, reverse

import dev
import portal.urls
from tests.builders import make_editor
from tests.pages import parse

pytestmark = pytest.mark.django_db

MOVED = "newsroom-7f3k/"


def rebuild_urls():
    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.fixture
def moved_admin():
    """The site's URLs built again with ADMIN_URL set, and rebuilt afterwards."""
    with override_settings(ADMIN_URL=MOVED):
        rebuild_urls()
        yield f"/{MOVED}"
    rebuild_urls()


def test_the_newsroom_is_at_admin_url_and_not_at_admin(moved_admin):
    assert reverse("admin:index") == moved_admin
    client = Client()

    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404
    response = client.get(moved_admin)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{moved_admin}login/")


def test_staff_log_in_at_the_moved_address(moved_admin):
    make_editor()
    client = Client()

    response = client.post(
        f"{moved_admin}login/",
        {"username": "editor", "password": "editor-pass-123", "next": moved_admin},
    )

    assert response.status_code == 302
    assert response["Location"] == moved_admin
    page = client.get(f"{moved_admin}articles/article/")
    assert page.status_code == 200


def test_the_lockout_page_links_to_the_moved_login(moved_admin):
    make_editor()
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            f"{moved_admin}login/", {"username": "editor", "password": f"wrong-{attempt}"}
        )

    assert response.status_code == 429
    assert ("/" + MOVED + "login/", "Back to the login page") in parse(response).links()


def test_robots_txt_does_not_advertise_a_moved_newsroom(moved_admin):
    lines = Client().get("/robots.txt").content.decode().splitlines()

    assert "Disallow: /preview/" in lines
    assert not [line for line in lines if "admin" in line or MOVED.strip("/") in line]


def test_load_demo_prints_the_moved_address(moved_admin):
    out = StringIO()
    call_command("load_demo", "--allow-production", stdout=out)

    assert f"Admin: http://127.0.0.1:8000{moved_admin}\n" in out.getvalue()


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "admin/"), ("newsroom-7f3k/", "newsroom-7f3k/"), ("/desk", "desk/")],
)
def test_dev_py_prints_the_same_path_as_the_settings_read(value, expected):
    env = {} if value is None else {"ADMIN_URL": value}
    assert dev.admin_path(env) == expected
    assert settings_admin_url(env) == expected


def test_an_empty_admin_url_is_refused():
    with pytest.raises(subprocess.CalledProcessError) as error:
        settings_admin_url({"ADMIN_URL": "/"})
    assert "ADMIN_URL must be a path" in error.value.stderr


def settings_admin_url(extra_env):
    """ADMIN_URL as portal/settings.py reads the environment outside the tests."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"ADMIN_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {"SECRET_KEY": "x", **extra_env}
    result = subprocess.run(
        [sys.executable, "-c", "import portal.settings as s; print(s.ADMIN_URL)"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()
