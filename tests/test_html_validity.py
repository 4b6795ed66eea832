"""Valid HTML5 on every kind of reader page.

Two checks of the same rendered pages (the real templates and the demo content):

- the Nu HTML checker (vnu.jar, the W3C validator's engine), which knows the
  content models, attributes and values; it comes from npm (`npm ci
  --ignore-scripts`, package-lock.json) and needs Java. Without either it is
  skipped, except under CI=true, where that is a failure;
- html5lib's parser, which needs nothing but Python and reports every parse
  error (stray end tags, unclosed elements, bad nesting, duplicate attributes).

Pages are reached by URL, never by markup, so the checks survive a redesign.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = Path(
    os.environ.get("VNU_JAR", ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(client, seed_article):
    """{name: (path, HTML)} of the reader pages, rendered from the demo content."""
    from drugs.models import Drug

    tag = seed_article.tags.order_by("name").first()
    paths = {
        "home": reverse("home"),
        "topic-index": reverse("topics:index"),
        "topic-parent": reverse("topics:detail", kwargs={"slug": "pigmentary-disorders"}),
        "topic": reverse("topics:detail", kwargs={"slug": "vitiligo"}),
        "article": seed_article.get_absolute_url(),
        "author-index": reverse("articles:authors"),
        "author": seed_article.bylines.first().author.get_absolute_url(),
        "tag-index": reverse("articles:tags"),
        "tag": reverse("articles:tag", kwargs={"slug": tag.slug}),
        "drug-index": reverse("drugs:index"),
        "drug": Drug.objects.order_by("generic_name").first().get_absolute_url(),
        "search": reverse("search:results") + "?q=vitiligo",
        "search-empty": reverse("search:results"),
        "about": reverse("pages:about"),
        "not-found": "/no-such-page-here/",
    }
    rendered = {}
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not-found" else 200), path
        rendered[name] = (path, response.content.decode(response.charset or "utf-8"))
    return rendered


def test_reader_pages_parse_without_html5_errors(pages):
    html5lib = pytest.importorskip("html5lib")
    problems = []
    for name, (path, html) in pages.items():
        parser = html5lib.HTMLParser()
        parser.parse(html)
        for (line, column), code, data in parser.errors:
            detail = f" {data}" if data else ""
            problems.append(f"{path} ({name}) line {line}, column {column}: {code}{detail}")
    assert not problems, "html5lib parse errors:\n" + "\n".join(problems)


def _require(what, found):
    if found:
        return
    message = f"{what}: the Nu HTML checker cannot run"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.mark.slow  # starts a Java virtual machine
def test_reader_pages_pass_the_nu_html_checker(pages, tmp_path):
    java = shutil.which("java")
    _require("no java on PATH (apt-get install default-jre-headless)", java)
    _require(f"no {VNU_JAR} (run `npm ci --ignore-scripts`)", VNU_JAR.exists())
    files = {}
    for name, (path, html) in pages.items():
        file = tmp_path / f"{name}.html"
        file.write_text(html, encoding="utf-8")
        files[str(file.resolve())] = (name, path)
    # One JVM for all pages: starting it is most of the cost.
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu writes its JSON report to stderr; exit 1 means it found errors.
    assert result.returncode in (0, 1), result.stderr
    messages = json.loads(result.stderr)["messages"]
    problems = []
    for message in messages:
        # vnu names each file by a "file:/..." URL.
        url = message.get("url", "?")
        name, path = files.get(url.removeprefix("file:"), ("?", url))
        where = f"line {message.get('lastLine', '?')}, column {message.get('firstColumn', '?')}"
        extract = " ".join(message.get("extract", "").split())
        problems.append(
            f"{path} ({name}) {where}: {message['type']}: {message['message']}\n    {extract}"
        )
    assert not problems, "Nu HTML checker:\n" + "\n".join(problems)
    assert result.returncode == 0, result.stderr
