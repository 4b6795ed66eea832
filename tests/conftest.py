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


DB_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


@pytest.fixture(autouse=True)
def transactional_tests_restore_the_database(request):
    """Every transactional test (transaction=True, live_server, transactional_db)
    also says serialized_rollback=True.

    Such a test commits for real and the database is emptied after it (a flush). With
    serialized_rollback it starts from the rows the migrations made (topics, groups,
    content types, permissions), put back from a copy taken when the test database
    was made, and the flush after it leaves the tables empty for the next one.
    Without it, the flush runs post_migrate, which makes the content types and
    permissions again under new ids; a serialized-rollback test after it then fails
    to put back its copy ("UNIQUE constraint failed: django_content_type"), and what
    a test found depended on which ran before it.

    pytest-django runs the tests on django.test.TestCase (the plain django_db mark,
    each in a transaction rolled back after it) first, then the transactional ones,
    then those without the database, as Django's runner does; pytest-randomly
    shuffles the order within each group.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(
        (marker and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    serialized = bool(
        (marker and marker.kwargs.get("serialized_rollback"))
        or "django_db_serialized_rollback" in request.fixturenames
    )
    if transactional and not serialized:
        pytest.fail(
            "A transactional test needs "
            "@pytest.mark.django_db(transaction=True, serialized_rollback=True) "
            "(see transactional_tests_restore_the_database in tests/conftest.py)",
            pytrace=False,
        )
    if transactional:
        from django.db import connection

        request.getfixturevalue("django_db_setup")  # the copy is made with the database
        if not hasattr(connection, "_test_serialized_contents"):
            pytest.fail(
                "This thread's database connection has no copy of the migrations' rows "
                "to put back (serialized_rollback); see the browser fixture.",
                pytrace=False,
            )


@pytest.fixture(autouse=True)
def no_connection_left_open(request, django_db_blocker):
    """A test without the database finds no connection an earlier one left open.

    Tests on the database (django.test.TestCase underneath) keep their connection
    between tests. A test without it that runs a request through the stack then fails
    at the request's end, when Django's request_finished handler checks that
    connection ("Database access not allowed"): whether it does depends on what ran
    before. So such a test starts with the connections closed."""
    if request.node.get_closest_marker("django_db") or DB_FIXTURES & set(request.fixturenames):
        return
    from django.db import connections

    open_connections = [c for c in connections.all(initialized_only=True) if c.connection]
    if open_connections:
        with django_db_blocker.unblock():
            for connection in open_connections:
                connection.close()


@pytest.fixture
def editor_client(client, db):
    """The test client logged in (through the login form's backend) as a staff
    user in the Editors group who is not a superuser."""
    from tests.builders import make_editor

    editor = make_editor()
    assert client.login(username=editor.username, password="editor-pass-123")
    return client


@pytest.fixture(scope="module")
def browser(django_db_setup):
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api")
    from django.db import connections

    # Playwright's sync API runs an event loop in this thread; the live server's
    # database access happens in its own thread and stays synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # With that loop running, Django keeps this thread's connections apart from the
    # ones it had (per asyncio context, asgiref's Local): the tests get new
    # connection objects, without the copy of the migrations' rows that
    # serialized_rollback puts back (tests/conftest.py). Without it the database
    # was not put back before a browser test and was flushed after it with
    # post_migrate, which made the content types again under new ids.
    serialized = {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }
    with sync_api.sync_playwright() as playwright:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def seed_article(db):
    """The demo content as `load_demo` builds it: the taxonomy and the real seed
    article (Vitiligo, three references). Use with transactional tests when a
    live server must see it."""
    from django.core.management import call_command

    from articles.models import Article

    call_command("load_demo", "--allow-production", verbosity=0)
    return Article.objects.get(slug__startswith="researchers-optimistic")
