"""scripts/snapshot_site.py's own parts that need no crawl: which links it
follows, the headers it records, and what `compare` reports. Taking a snapshot
(a whole site build and crawl) is run by hand, never here."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_script():
    spec = importlib.util.spec_from_file_location(
        "snapshot_site", ROOT / "scripts" / "snapshot_site.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


snapshot = load_script()


@pytest.fixture
def crawler(tmp_path):
    return snapshot.Crawler(tmp_path, max_urls=10)


@pytest.mark.parametrize(
    ("link", "base", "expected"),
    [
        ("/topics/vitiligo/", "/", "/topics/vitiligo/"),
        ("references.ris", "/articles/a/", "/articles/a/references.ris"),
        ("http://localhost/feed/", "/", "/feed/"),
        ("https://localhost/feed/#top", "/", "/feed/"),
        ("?page=2&amp;type=news", "/topics/acne/", "/topics/acne/?page=2&type=news"),
        ("/tags/α-msh/", "/", "/tags/%CE%B1-msh/"),
        ("http://example.org/feed/", "/", None),
        ("/admin/login/", "/", None),
        ("/static/site.css", "/", None),
        ("/media/a.webp", "/", None),
        ("#main", "/", None),
        ("mailto:news@example.org", "/", None),
    ],
)
def test_links_followed(crawler, link, base, expected):
    assert crawler.normalise(link, base) == expected


def test_links_found_in_html_and_xml(crawler):
    page = (
        b'<link rel="alternate" href="/feed/"><meta name="viewport" content="width=1">'
        b'<img src="/topics/a/images/" srcset="/x/ 1x, /y/ 2x">'
        b'<script type="application/ld+json">{"url": "http://localhost/about/"}</script>'
    )
    assert crawler.links("/", "text/html; charset=utf-8", page) == [
        "/about/",
        "/feed/",
        "/topics/a/images/",
        "/x/",
        "/y/",
    ]
    feed = b"<rss><link>http://localhost/articles/a/</link><guid>tag:localhost,x</guid></rss>"
    assert crawler.links("/feed/", "application/rss+xml", feed) == ["/articles/a/"]


def test_csp_directives_sorted_and_kept():
    headers = snapshot.recorded_headers(
        {"X-B": "1", "Content-Security-Policy": "img-src 'self'; default-src 'self'"}
    )
    assert list(headers) == ["Content-Security-Policy", "X-B"]
    assert headers["Content-Security-Policy"] == "default-src 'self'; img-src 'self'"


def write_snapshot(directory, entries):
    (directory / snapshot.BODIES).mkdir(parents=True)
    index = {}
    for number, (key, (status, body)) in enumerate(sorted(entries.items())):
        file = f"{snapshot.BODIES}/{number}"
        (directory / file).write_bytes(body)
        index[key] = {"file": file, "status": status, "headers": {}, "cookies": {}}
    (directory / snapshot.INDEX).write_text(json.dumps(index))
    (directory / snapshot.META).write_text(json.dumps({"settings": {"articles": 1}}))
    return directory


def test_compare(tmp_path, capsys):
    entries = {"GET /": (200, b"<p>a</p>\n"), "GET /feed/": (200, b"<rss/>")}
    a = write_snapshot(tmp_path / "a", entries)
    same = write_snapshot(tmp_path / "same", entries)
    assert snapshot.compare(a, same) == 0
    assert "IDENTICAL" in capsys.readouterr().out

    b = write_snapshot(tmp_path / "b", {"GET /": (200, b"<p>b</p>\n"), "GET /new/": (404, b"")})
    assert snapshot.compare(a, b) == 1
    out = capsys.readouterr().out
    assert "MISSING in B: GET /feed/" in out
    assert "MISSING in A: GET /new/" in out
    assert "DIFFERS: GET /" in out
    assert "-<p>a</p>" in out and "+<p>b</p>" in out
