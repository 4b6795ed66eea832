"""Several app servers on one database and one Redis: an edit through one is seen,
at once and the same, through the other.

Two gunicorn processes (as production runs them: DEBUG off, the page cache on in
Redis) serve the test database; an editor edits an article through the admin of
the first, and a reader of the second sees the new headline on the pages that show
it, although the second process had those pages cached a moment before.

Runs where PostgreSQL and Redis are reachable (CI starts both); elsewhere it skips,
except under CI=true, where a missing Redis or PostgreSQL is a failure.
"""

import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import global_settings
from django.db import connection

from tests.builders import form_data_from, make_article, make_editor
from tests.pagecache.conftest import REDIS_URL, redis_answers
from tests.pages import parse

# Committed data the servers can read.
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent


def unavailable(reason):
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


# The name readers use; the load balancer passes it on to every app server.
PUBLIC_HOST = "news.example.org"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    """The test database, as the child processes reach it."""
    db = connection.settings_dict
    return (
        f"postgres://{urllib.parse.quote(db['USER'])}:{urllib.parse.quote(db['PASSWORD'])}"
        f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def two_servers(tmp_path):
    if connection.vendor != "postgresql":
        # CI runs the suite on PostgreSQL too, where this test runs.
        pytest.skip("several app servers share PostgreSQL in production (set DATABASE_URL)")
    if not redis_answers(REDIS_URL):
        unavailable(f"Redis not reachable at {REDIS_URL}")
    env = {
        key: value
        for key, value in os.environ.items()
        # The children are app servers, not tests.
        if not key.startswith("PYTEST_")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DATABASE_URL=database_url(),
        REDIS_URL=REDIS_URL,
        PAGE_CACHE="1",
        DEBUG="0",
        SECRET_KEY="two-process-test-" + "x" * 40,
        ALLOWED_HOSTS=f"127.0.0.1,{PUBLIC_HOST}",
        CONN_MAX_AGE="0",
        # Plain http on loopback; cookies then come without Secure, as urllib needs.
        INSECURE_HTTP="1",
        ADMIN_URL="admin/",
    )
    # DEBUG off serves hashed static files from the manifest, as in production.
    env["STATIC_ROOT"] = str(tmp_path / "static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    servers, urls = [], []
    for _ in range(2):
        port = free_port()
        log = open(tmp_path / f"gunicorn-{port}.log", "w")  # noqa: SIM115
        servers.append(
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "portal.wsgi", "-b", f"127.0.0.1:{port}"]
                + ["--workers", "1", "--timeout", "30", "--no-control-socket"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            wait_until_up(url)
        yield urls
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=20)
        for log in sorted(tmp_path.glob("gunicorn-*.log")):
            print(log.name, log.read_text(), sep="\n")  # shown when the test fails


def wait_until_up(url, seconds=90):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url + "/robots.txt", timeout=10):
                return
        except OSError:  # refused, reset or timed out while it boots
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class Browser:
    """One person's cookies and requests against one server, as a browser would send them."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path):
        request = urllib.request.Request(self.base_url + path, headers={"Host": PUBLIC_HOST})
        with self.opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()

    def post(self, path, fields):
        """POST a form (as form_data_from returns it) with the CSRF cookie."""
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        request = urllib.request.Request(
            self.base_url + path, data=data, headers={"Host": PUBLIC_HOST}
        )
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.url, response.read().decode()

    def log_in(self, username, password):
        _, _, page = self.get("/admin/login/")
        fields = form_data_from(page, "login-form")
        fields.update(username=username, password=password, next="/admin/")
        status, landed, _ = self.post("/admin/login/", fields)
        assert status == 200 and landed.endswith("/admin/"), landed


def headline(html):
    return parse(html).find("h1").text


def headlines(html):
    return {link.text for link in parse(html).find_all("a")}


def test_an_edit_through_one_app_server_is_seen_at_once_through_the_other(
    seed_article, two_servers, settings
):
    first, second = two_servers
    # The servers check passwords with the production hashers, not the suite's fast one.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    article = make_article("Ruxolitinib cream repigments facial vitiligo")
    make_editor("desk", password="editor-pass-123")
    path = article.get_absolute_url()
    reader_first, reader_second = Browser(first), Browser(second)

    # Both servers have the pages cached in the shared Redis before the edit.
    for reader in (reader_first, reader_second):
        for url in (path, "/"):
            reader.get(url)
    status, headers, html = reader_second.get(path)
    assert (status, headers.get("X-Cache")) == (200, "hit")
    assert headline(html) == "Ruxolitinib cream repigments facial vitiligo"

    # An editor changes the headline through the admin of the first server.
    editor = Browser(first)
    editor.log_in("desk", "editor-pass-123")
    change = f"/admin/articles/article/{article.pk}/change/"
    _, _, form_page = editor.get(change)
    fields = form_data_from(form_page, "article_form")
    fields.update(headline="Ruxolitinib cream: 52-week results", _save="Save")
    status, landed, _ = editor.post(change, fields)
    assert status == 200 and landed.endswith("/admin/articles/article/"), landed

    # The second server shows the new headline on the article and the home page at
    # once, and both servers answer with the same page.
    status, headers, second_html = reader_second.get(path)
    assert status == 200
    assert headline(second_html) == "Ruxolitinib cream: 52-week results"
    assert "Ruxolitinib cream: 52-week results" in headlines(reader_second.get("/")[2])
    assert "Ruxolitinib cream repigments facial vitiligo" not in headlines(
        reader_second.get("/")[2]
    )
    assert reader_first.get(path)[2] == second_html
