#!/usr/bin/env python3
"""Snapshot every reader-facing response, to prove a refactoring changed none.

    .venv/bin/python scripts/snapshot_site.py save OUTDIR [--articles N] [--max-urls N]
        [--project CHECKOUT]
    .venv/bin/python scripts/snapshot_site.py compare DIR_A DIR_B [--diffs N]

save: builds a throwaway SQLite database, static root and media root in a
temporary folder (the checkout's are not touched) and, with the clock frozen at
FROZEN_AT (time-machine, tick=False) for the whole run, runs the management
commands by name: `migrate`, `collectstatic`, `load_demo --allow-production` and
`generate_archive --articles N --seed 0 --force` (N = 300 by default). Commands are
called by name, not imported, so the snapshot survives them moving between apps.

It then crawls the site with django.test.Client (Host: localhost, Accept-Encoding:
gzip as browsers send, no cookies carried between requests), breadth first, one
level at a time in sorted order, from `/`, `/robots.txt`, `/sitemap.xml`, the
feeds, and every URL pattern of portal.urls that takes no argument. It follows
every same-site URL in a response: href/src/srcset/action/poster attributes of
HTML, and absolute http://localhost/... URLs in any text body (sitemap <loc>s, feed
links and ids, JSON-LD). The newsroom (ADMIN_URL), STATIC_URL and MEDIA_URL are
not fetched (a link to them is still part of the page that has it). The crawl
stops at --max-urls (default 5,000) and records in meta.json whether it did.
Then it fetches fixed extras: searches, ?page=2/3 (and ?page=abc) of every topic,
tag, author, gallery and drug page found, each article's reference exports (RIS,
BibTeX, CSL-JSON; the suffixes are learnt from the article pages' own links), a few
404 addresses, and POST and PUT to /, one article, two feeds, the sitemap index
and a search (405, with the Allow header and the site's page), plus HEAD of /.

--project CHECKOUT snapshots another checkout (e.g. a worktree of another branch)
with this script and this .venv: the code under test is imported from there.

For each request it stores the status, every response header (sorted by name),
cookies set, and the body (decompressed if gzip) in OUTDIR/bodies/, with
OUTDIR/index.json mapping "METHOD URL" to the file, status and headers, and
OUTDIR/meta.json for what the run was (commit, articles, time taken: not compared
except the settings of the run).

compare: exit 0 only if both snapshots hold the same requests with the same
status, headers, cookies and bodies; otherwise lists the requests missing on
either side and those that differ (a short unified diff of the first differing
body, or of the first N with --diffs N), a summary line, and exits 1.

Normalised (the least that two runs on the same commit needed to be equal):

- The directives of Content-Security-Policy are sorted. django-csp 4.0 builds the
  header by iterating a set of directive names (csp/utils.py, build_policy), so
  their order follows Python's per-process string hashing (PYTHONHASHSEED) and
  differs between runs, and between production workers, for the same policy.
  Only the order is normalised: every directive and source is still compared.

Frozen rather than normalised (set, not hidden):

- GZipMiddleware's BREACH padding, a random 0-99 bytes in the gzip header, is
  set to none (GZipMiddleware.max_random_bytes = 0). With it, Content-Length
  differed on every request, and a body of about 200 bytes was compressed or not
  at random. Content-Encoding and Content-Length are compared as they are; bodies
  are stored decompressed.
- The clock (publication times, what is published "now", the news sitemap's
  window, the footer's year, feed dates, Last-Modified), the SECRET_KEY, the
  synthetic archive's seed, the database (fresh each run, so ids match), and the
  settings read from the environment (set here, whatever the shell exports).

Article bodies' internal id stamps (articles.markup.IdStamp) are random, but the
sanitiser strips them, so they never reach a page.
"""

import argparse
import difflib
import gzip
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent  # the project snapshotted, unless --project
FROZEN_AT = datetime(2026, 1, 15, 12, 0, 0, tzinfo=UTC)
HOST = "localhost"
SECRET_KEY = "snapshot-site-fixed-secret-key-not-for-production-0123456789abcdef"
DEFAULT_ARTICLES = 300
DEFAULT_MAX_URLS = 5000
SEED = 0
INDEX = "index.json"
META = "meta.json"
BODIES = "bodies"
# Settings this run fixes whatever the shell exports (portal/settings.py reads them).
CLEARED_ENV = [
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "SERVE_MEDIA",
    "PAGE_CACHE_SECONDS",
    "CSRF_TRUSTED_ORIGINS",
    "CSP_IMAGE_ORIGINS",
    "ADMIN_URL",
    "TRUSTED_PROXY_COUNT",
    "LOG_FORMAT",
    "IMAGE_MAX_PIXELS",
    "IMAGE_MAX_UPLOAD_BYTES",
    "LOGIN_FAILURE_LIMIT",
    "LOGIN_COOLOFF_MINUTES",
    "CONN_MAX_AGE",
]
# Searches readers make: words in the demo and synthetic content, one in none,
# a second page, the sort, a filter alone, an empty query.
SEARCHES = [
    "/search/",
    "/search/?q=",
    "/search/?q=psoriasis",
    "/search/?q=psoriasis&page=2",
    "/search/?q=psoriasis&sort=date",
    "/search/?q=vitiligo",
    "/search/?q=vitiligo&page=2",
    "/search/?q=ruxolitinib",
    "/search/?q=atopic+dermatitis",
    "/search/?q=xyzzyqwertzunfindable",
    "/search/?q=psoriasis&page=999",
    "/search/?q=treatment",
    "/search/?q=treatment&page=2",
    "/search/?q=treatment&sort=date&page=2",
    "/search/?topic=vitiligo",
]
NOT_FOUND = [
    "/no-such-page/",
    "/articles/no-such-article/",
    "/topics/no-such-topic/",
    "/tags/no-such-tag/",
    "/authors/no-such-author/",
    "/drugs/no-such-drug/",
    "/topics/no-such-topic/feed/",
    "/sitemap-nosuchsection.xml",
]
# Known reference exports; more are learnt from the article pages' links.
EXPORT_SUFFIXES = {"references.ris", "references.bib", "references.json"}
# Listing pages whose ?page=2 and ?page=3 are fetched (page past the end: 404).
PAGED = re.compile(r"^/(topics|tags|authors|drugs)/[^/?]+/(images/)?$")
CSP_HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
TEXT_TYPES = ("text/", "application/json", "application/ld+json", "application/xml")
ABSOLUTE_URL = re.compile(rf"https?://{re.escape(HOST)}(?::\d+)?(/[^\s\"'<>\\)]*)?")


# ---------------------------------------------------------------------------
# save
# ---------------------------------------------------------------------------


def bootstrap(workdir, project):
    """Environment for portal.settings, then django.setup()."""
    for name in CLEARED_ENV:
        os.environ.pop(name, None)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "SECRET_KEY": SECRET_KEY,
            "DEBUG": "0",
            "INSECURE_HTTP": "1",
            "PAGE_CACHE": "0",
            "TIME_ZONE": "UTC",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "LOG_LEVEL": "WARNING",
        }
    )
    os.environ.pop("PYTEST_VERSION", None)
    sys.path.insert(0, str(project))
    import django

    django.setup()
    import portal

    if Path(portal.__file__).resolve().parent.parent != project:
        sys.exit(f"portal was imported from {portal.__file__}, not from {project}.")
    import logging

    # Every 404 and 405 would be logged as a warning; errors (500s) still are.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.middleware.gzip import GZipMiddleware

    # No random BREACH padding: the same page compresses to the same bytes.
    GZipMiddleware.max_random_bytes = 0


def build_site(articles):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("migrate", interactive=False, verbosity=0, stdout=out)
    call_command("collectstatic", interactive=False, verbosity=0, stdout=out)
    call_command("load_demo", "--allow-production", stdout=out)
    call_command(
        "generate_archive",
        f"--articles={articles}",
        f"--seed={SEED}",
        "--force",
        verbosity=0,
        stdout=out,
    )
    return out.getvalue()


def recorded_headers(headers):
    """Every header, sorted by name; the CSP's directives sorted too."""
    headers = dict(sorted(headers.items()))
    for name in CSP_HEADERS:
        if name in headers:
            # django-csp 4.0 joins the directives in set order (string hashes,
            # different in every process): the same policy in another order.
            headers[name] = "; ".join(sorted(headers[name].split("; ")))
    return headers


class LinkParser(HTMLParser):
    ATTRIBUTES = {"href", "src", "action", "poster"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name == "srcset":
                self.links += [part.split()[0] for part in value.split(",") if part.split()]
            elif name in self.ATTRIBUTES:
                self.links.append(value.strip())


class Crawler:
    def __init__(self, outdir, max_urls):
        from django.conf import settings
        from django.test import Client

        self.outdir = outdir
        self.max_urls = max_urls
        self.client = Client(enforce_csrf_checks=True, HTTP_HOST=HOST, HTTP_ACCEPT_ENCODING="gzip")
        self.skipped_prefixes = tuple(
            "/" + prefix.strip("/") + "/"
            for prefix in (settings.ADMIN_URL, settings.STATIC_URL, settings.MEDIA_URL)
        )
        self.index = {}
        self.bodies = {}  # key -> body bytes, for the link extraction of the extras
        self.cap_hit = False

    # -- URLs --------------------------------------------------------------

    def normalise(self, link, base):
        """The same-site path?query of a link, or None if it is not one to fetch."""
        from django.utils.encoding import iri_to_uri

        link = html.unescape(link).strip()
        if not link or link.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            return None
        parts = urlsplit(urljoin(f"http://{HOST}{base}", link))
        if parts.scheme not in ("http", "https") or parts.hostname != HOST:
            return None
        path = iri_to_uri(parts.path or "/")
        if path.startswith(self.skipped_prefixes):
            return None
        return urlunsplit(("", "", path, iri_to_uri(parts.query), ""))

    def links(self, url, content_type, body):
        if not content_type.startswith(TEXT_TYPES) and "xml" not in content_type:
            return []
        text = body.decode("utf-8", errors="replace")
        found = [match.group(0) for match in ABSOLUTE_URL.finditer(text)]
        if content_type.startswith("text/html"):
            parser = LinkParser()
            parser.feed(text)
            parser.close()
            found += parser.links
        return [u for u in (self.normalise(link, url) for link in found) if u is not None]

    # -- fetching ------------------------------------------------------------

    def fetch(self, url, method="GET"):
        key = f"{method} {url}"
        if key in self.index:
            return None
        self.client.cookies.clear()  # every request as a first-time reader's
        response = getattr(self.client, method.lower())(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        headers = recorded_headers(response.headers)
        if headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        cookies = {
            name: {k: v for k, v in morsel.items() if v} | {"value": morsel.value}
            for name, morsel in sorted(response.cookies.items())
        }
        name = hashlib.sha256(key.encode()).hexdigest()[:20]
        slug = re.sub(r"[^A-Za-z0-9]+", "-", url).strip("-")[:60] or "root"
        file = f"{BODIES}/{name}-{slug}"
        (self.outdir / file).write_bytes(body)
        self.index[key] = {
            "file": file,
            "status": response.status_code,
            "headers": headers,
            "cookies": cookies,
            "length": len(body),
        }
        if method == "GET":
            self.bodies[url] = body
        return headers.get("Content-Type", ""), body, headers.get("Location")

    def crawl(self, seeds):
        seen = set(seeds)
        level = sorted(seeds)
        while level:
            found = set()
            for url in level:
                if len(self.index) >= self.max_urls:
                    self.cap_hit = True
                    return
                result = self.fetch(url)
                if result is None:
                    continue
                content_type, body, location = result
                links = self.links(url, content_type, body)
                if location:
                    target = self.normalise(location, url)
                    if target:
                        links.append(target)
                found.update(link for link in links if link not in seen)
            seen |= found
            level = sorted(found)

    def extras(self):
        crawled = sorted(url for key in self.index for url in [key.split(" ", 1)[1]])
        urls = list(SEARCHES) + list(NOT_FOUND)
        articles = [
            u
            for u in crawled
            if re.fullmatch(r"/articles/[^/?]+/", u) and self.index[f"GET {u}"]["status"] == 200
        ]
        suffixes = set(EXPORT_SUFFIXES)
        for article in articles:
            for link in self.links(article, "text/html", self.bodies.get(article, b"")):
                rest = link[len(article) :]
                if link.startswith(article) and rest and "/" not in rest and "?" not in rest:
                    suffixes.add(rest)
        urls += [article + suffix for article in articles for suffix in sorted(suffixes)]
        for url in crawled:
            if PAGED.match(url):
                urls += [f"{url}?page=2", f"{url}?page=3"]
        urls += [f"{u}?page=abc" for u in ("/topics/vitiligo/", "/tags/ruxolitinib/")]
        for url in urls:
            if len(self.index) >= self.max_urls:
                self.cap_hit = True
                break
            self.fetch(url)
        # Methods readers' pages refuse (405 with Allow), and HEAD. The article is
        # the first in sorted order (the demo's seed article).
        refused = ["/", *articles[:1], "/feed/", "/topics/vitiligo/feed/", "/sitemap.xml"]
        for url in [*refused, "/search/?q=psoriasis"]:
            for method in ("POST", "PUT"):
                self.fetch(url, method)
        self.fetch("/", "HEAD")


def parameterless_routes():
    """Every path in portal.urls that takes no argument, the admin's excepted."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from django.urls.resolvers import RegexPattern, RoutePattern

    def text(pattern):
        if isinstance(pattern, RoutePattern):
            route = str(pattern)
            return None if "<" in route else route
        if isinstance(pattern, RegexPattern):
            regex = pattern._regex.lstrip("^").rstrip("$")
            return None if re.search(r"[()\[\]\\*+?{}|.]", regex) else regex
        return None

    routes = set()

    def walk(patterns, prefix):
        for entry in patterns:
            part = text(entry.pattern)
            if part is None:
                continue
            if isinstance(entry, URLResolver):
                if entry.namespace == "admin":
                    continue
                walk(entry.url_patterns, prefix + part)
            elif isinstance(entry, URLPattern):
                routes.add("/" + prefix + part)

    walk(get_resolver().url_patterns, "")
    return routes


def git_commit(project):
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=project, capture_output=True, text=True, check=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True
        ).stdout.strip()
        return result.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def save(outdir, articles, max_urls, project=ROOT):
    started = time.monotonic()
    project = Path(project).resolve()
    if not (project / "portal" / "settings.py").is_file():
        sys.exit(f"{project} is not a checkout of the portal (no portal/settings.py).")
    outdir = Path(outdir)
    if outdir.exists() and any(outdir.iterdir()):
        sys.exit(f"{outdir} exists and is not empty: choose a new folder or remove it.")
    (outdir / BODIES).mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="portal-snapshot-"))
    try:
        bootstrap(workdir, project)
        import time_machine

        with time_machine.travel(FROZEN_AT, tick=False):
            print(f"==> Building the site ({articles} synthetic articles) in {workdir}", flush=True)
            build_site(articles)
            built = time.monotonic()
            print("==> Crawling", flush=True)
            crawler = Crawler(outdir, max_urls)
            seeds = {"/", "/robots.txt", "/sitemap.xml", "/feed/", "/feed/atom/"}
            seeds |= parameterless_routes()
            crawler.crawl(seeds)
            crawler.extras()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    index = dict(sorted(crawler.index.items()))
    (outdir / INDEX).write_text(
        json.dumps(index, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    elapsed = time.monotonic() - started
    meta = {
        "settings": {
            "articles": articles,
            "seed": SEED,
            "max_urls": max_urls,
            "frozen_at": FROZEN_AT.isoformat(),
            "host": HOST,
        },
        "requests": len(index),
        "cap_hit": crawler.cap_hit,
        "project": str(project),
        "commit": git_commit(project),
        "build_seconds": round(built - started, 1),
        "total_seconds": round(elapsed, 1),
    }
    (outdir / META).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    statuses = {}
    for entry in index.values():
        statuses[entry["status"]] = statuses.get(entry["status"], 0) + 1
    print(
        f"Saved {len(index):,} requests to {outdir} in {elapsed:.0f} s "
        f"(site built in {built - started:.0f} s); statuses: "
        + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
    )
    if crawler.cap_hit:
        print(f"WARNING: the crawl stopped at --max-urls {max_urls}: not every URL was fetched.")


# ---------------------------------------------------------------------------
# compare
# ---------------------------------------------------------------------------


def load(directory):
    directory = Path(directory)
    try:
        index = json.loads((directory / INDEX).read_text(encoding="utf-8"))
        meta = json.loads((directory / META).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        sys.exit(f"{directory} is not a snapshot: {error.filename} is missing.")
    return directory, index, meta


def body_diff(a, b, name_a, name_b, max_lines=30):
    try:
        text_a, text_b = a.decode("utf-8"), b.decode("utf-8")
    except UnicodeDecodeError:
        return [f"    binary bodies differ ({len(a)} vs {len(b)} bytes)"]

    # One tag a line, so a one-line HTML or XML body still gives a readable diff.
    def split(text):
        lines = text.splitlines()
        return re.sub(r">\s*<", ">\n<", text).splitlines() if len(lines) < 5 else lines

    lines = list(
        difflib.unified_diff(split(text_a), split(text_b), name_a, name_b, n=2, lineterm="")
    )
    # The first hunk only.
    hunk_starts = [i for i, line in enumerate(lines) if line.startswith("@@")]
    if len(hunk_starts) > 1:
        lines = lines[: hunk_starts[1]]
    if len(lines) > max_lines:
        lines = lines[:max_lines] + ["..."]
    return ["    " + line[:200] for line in lines]


def compare(dir_a, dir_b, diffs=1):
    dir_a, index_a, meta_a = load(dir_a)
    dir_b, index_b, meta_b = load(dir_b)
    problems = 0
    if meta_a["settings"] != meta_b["settings"]:
        problems += 1
        print(
            "Snapshots made with different settings:\n"
            f"  A {meta_a['settings']}\n  B {meta_b['settings']}"
        )
    for side, meta in (("A", meta_a), ("B", meta_b)):
        if meta.get("cap_hit"):
            print(f"Note: snapshot {side} stopped at its --max-urls cap.")
    only_a = sorted(set(index_a) - set(index_b))
    only_b = sorted(set(index_b) - set(index_a))
    for key in only_a:
        print(f"MISSING in B: {key} ({index_a[key]['status']})")
    for key in only_b:
        print(f"MISSING in A: {key} ({index_b[key]['status']})")
    differing = 0
    diffs_left = diffs
    for key in sorted(set(index_a) & set(index_b)):
        a, b = index_a[key], index_b[key]
        body_a = (dir_a / a["file"]).read_bytes()
        body_b = (dir_b / b["file"]).read_bytes()
        what = []
        if a["status"] != b["status"]:
            what.append(f"status {a['status']} -> {b['status']}")
        for name in sorted(set(a["headers"]) | set(b["headers"])):
            if a["headers"].get(name) != b["headers"].get(name):
                what.append(f"{name}: {a['headers'].get(name)!r} -> {b['headers'].get(name)!r}")
        if a["cookies"] != b["cookies"]:
            what.append(f"cookies {a['cookies']} -> {b['cookies']}")
        if body_a != body_b:
            what.append(f"body ({len(body_a)} -> {len(body_b)} bytes)")
        if not what:
            continue
        differing += 1
        print(f"DIFFERS: {key}")
        for line in what:
            print(f"    {line}")
        if body_a != body_b and diffs_left > 0:
            diffs_left -= 1
            print("\n".join(body_diff(body_a, body_b, f"A {key}", f"B {key}")))
    same = len(set(index_a) & set(index_b)) - differing
    problems += len(only_a) + len(only_b) + differing
    print(
        f"{'IDENTICAL' if not problems else 'DIFFERENT'}: {same:,} of "
        f"{len(set(index_a) | set(index_b)):,} requests identical, {differing:,} differ, "
        f"{len(only_a):,} only in A ({dir_a}), {len(only_b):,} only in B ({dir_b})."
    )
    return 1 if problems else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    save_parser = commands.add_parser("save", help="take a snapshot into OUTDIR")
    save_parser.add_argument("outdir")
    save_parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    save_parser.add_argument("--max-urls", type=int, default=DEFAULT_MAX_URLS)
    save_parser.add_argument(
        "--project",
        default=ROOT,
        help="the checkout to snapshot (default: the one this script is in); "
        "this script's .venv must have its requirements",
    )
    compare_parser = commands.add_parser("compare", help="compare two snapshots")
    compare_parser.add_argument("dir_a")
    compare_parser.add_argument("dir_b")
    compare_parser.add_argument(
        "--diffs", type=int, default=1, help="show the body diff of the first N (default 1)"
    )
    args = parser.parse_args(argv)
    if args.command == "save":
        save(args.outdir, args.articles, args.max_urls, args.project)
        return 0
    return compare(args.dir_a, args.dir_b, args.diffs)


if __name__ == "__main__":
    sys.exit(main())
