import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session", autouse=True)
def file_roots(tmp_path_factory):
    """Static and uploaded files of the run live in pytest's temporary folder, never
    in the checkout. Session-wide, like the settings in portal/test_settings.py; a
    test that needs an empty media folder of its own sets one (tests/images/)."""
    from django.test import override_settings

    base = tmp_path_factory.getbasetemp()
    # WhiteNoise warns about a missing STATIC_ROOT; a clean checkout has none.
    static_root = base / "staticfiles"
    static_root.mkdir(exist_ok=True)
    with override_settings(STATIC_ROOT=static_root, MEDIA_ROOT=base / "media"):
        yield


@pytest.fixture
def editor_client(client, db):
    """The test client logged in (through the login form's backend) as a staff
    user in the Editors group who is not a superuser."""
    from tests.builders import make_editor

    editor = make_editor()
    assert client.login(username=editor.username, password="editor-pass-123")
    return client


@pytest.fixture(scope="module")
def browser():
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the live server's
    # database access happens in its own thread and stays synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def seed_article(db):
    """The demo content as `load_demo` builds it: the taxonomy and the real seed
    article (Vitiligo, three references). Use with transactional tests when a
    live server must see it.

    A serialized-rollback test before a transactional one leaves the database
    without the rows post_migrate makes (content types, permissions), which
    load_demo's groups need, so they are made again first, as `migrate` would.
    """
    from django.core.management import call_command
    from django.core.management.sql import emit_post_migrate_signal

    from articles.models import Article

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    call_command("load_demo", "--allow-production", verbosity=0)
    return Article.objects.get(slug__startswith="researchers-optimistic")
