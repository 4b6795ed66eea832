"""Bad input never 500s: Hypothesis throws generated path parameters and query
strings at every public URL pattern (found by walking the URLconf, so a new page
is fuzzed without anyone listing it here) and every answer must be a sane status.

Deterministic (derandomize, no example database), bounded per pattern, so CI
reruns exactly what a developer ran.
"""

import os
import re
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builders import make_article, make_author, make_reference, make_topic
from tests.drugs.builders import make_drug

# A quality gate of its own (thousands of requests): left out of `dev.py test --quick`.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# 25 per pattern keeps the whole module near half a minute on one core;
# FUZZ_EXAMPLES=500 (say) for a deeper run before a release.
EXAMPLES_PER_PATTERN = int(os.environ.get("FUZZ_EXAMPLES", "25"))
SANE_STATUSES = {200, 301, 302, 304, 400, 404, 405}
# Staff pages: the admin (however its URL is configured) is not fuzzed here.
SKIPPED_NAMESPACES = {"admin"}

ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
REGEX_PARAMETER = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def _literal(regex_text):
    """The literal text of a URL regex between its groups: "^tags/" -> "tags/"."""
    return re.sub(r"\\(.)", r"\1", regex_text.lstrip("^").rstrip("$").replace("\\Z", ""))


def _parts(pattern):
    """[literal or (converter,)] of one URLconf level's pattern."""
    text = str(pattern)
    is_regex = isinstance(pattern, RegexPattern)
    parameter = REGEX_PARAMETER if is_regex else ROUTE_PARAMETER
    parts, position = [], 0
    for match in parameter.finditer(text):
        literal = text[position : match.start()]
        parts.append(_literal(literal) if is_regex else literal)
        converter = "str" if is_regex else (match.group("converter") or "str")
        parts.append((converter,))
        position = match.end()
    tail = text[position:]
    parts.append(_literal(tail) if is_regex else tail)
    return [part for part in parts if part != ""]


def public_patterns(patterns=None, prefix=()):
    """(name, parts) of every URL pattern outside the admin."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES or entry.app_name in SKIPPED_NAMESPACES:
                continue
            found += public_patterns(entry.url_patterns, (*prefix, *_parts(entry.pattern)))
        elif isinstance(entry, URLPattern):
            parts = (*prefix, *_parts(entry.pattern))
            found.append((entry.name, parts))
    return found


PATTERNS = public_patterns()


def _template(parts):
    return "/" + "".join(part if isinstance(part, str) else f"<{part[0]}>" for part in parts)


GARBAGE = ["%", "%zz", "%00", "%ff%fe", "%C0%AE", "..", "%2e%2e", "%2F", "+", "%E2%80%AE"]
NUMBERS = ["0", "-1", "1", "2", "999999", str(10**30), "1e3", "1.5", "-0", " 1", "0x10", "٣"]
KNOWN_SLUGS = ["fuzz-article", "vitiligo", "fuzz-author", "fuzz-tag", "tralokinumab", "news"]

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
slugs = st.one_of(
    st.sampled_from(KNOWN_SLUGS),
    st.from_regex(r"[-a-zA-Z0-9_]{1,30}", fullmatch=True),
    st.text("abc-", min_size=200, max_size=600),  # over-long
    st.text("éαβ漢字ßñ-a", min_size=1, max_size=20),  # beyond ASCII
    texts,
)
values = {
    "slug": slugs,
    "str": slugs,
    "path": slugs,
    "int": st.one_of(st.sampled_from(NUMBERS), st.integers(-(10**30), 10**30).map(str)),
}
# A value in the address: percent-encoded, or left raw when it is garbage on purpose.
segment = st.one_of(
    st.sampled_from(GARBAGE),
    st.integers().map(str),
    slugs.map(lambda value: quote(value, safe="")),
)
query_keys = st.one_of(
    st.sampled_from(
        ["page", "q", "topic", "tag", "sort", "from", "to", "skin_type", "type", "utm_source"]
    ),
    texts,
)
query_values = st.one_of(
    st.sampled_from(NUMBERS),
    st.integers(-(10**30), 10**30).map(str),
    texts,
    st.text("éα漢\x00\u202e<>\"'&;%", max_size=10),
    st.text("ab", min_size=500, max_size=3000),
)
pair = st.tuples(query_keys, query_values).map(
    lambda kv: f"{quote(kv[0], safe='')}={quote(kv[1], safe='')}"
)
query_strings = st.lists(st.one_of(pair, st.sampled_from(GARBAGE)), max_size=6).map("&".join)


def path_for(parts, draw):
    pieces = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
        else:
            pieces.append(draw(st.one_of(segment, values.get(part[0], slugs))))
    return "/" + "".join(pieces)


@pytest.fixture
def site(db):
    topic = make_topic("Fuzz topic", slug="fuzz-topic")
    author = make_author("Fuzz Author", slug="fuzz-author")
    article = make_article(
        "Fuzz article", slug="fuzz-article", authors=[author], topics=[topic], tags=["fuzz tag"]
    )
    make_reference(article, 1)
    make_drug(articles=[article])
    return article


def assert_sane(response, request):
    assert response.status_code in SANE_STATUSES, (request, response.status_code)
    if response.status_code == 404 and request.startswith("GET"):
        # The site's own page, not Django's bare one.
        assert b"Page not found" in response.content, request
    if response.status_code == 405:
        assert response["Allow"] == "GET, HEAD", request


@pytest.mark.parametrize(("name", "parts"), PATTERNS, ids=[_template(p) for _, p in PATTERNS])
def test_generated_paths_and_queries_never_fail(client, site, name, parts):
    client.raise_request_exception = False

    @settings(
        max_examples=EXAMPLES_PER_PATTERN,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        data=st.data(),
        query=query_strings,
        method=st.sampled_from(["GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE"]),
    )
    def check(data, query, method):
        path = path_for(parts, data.draw)
        url = f"{path}?{query}" if query else path
        response = client.generic(method, url)
        assert_sane(response, f"{method} {url}")

    check()


def test_the_walk_finds_the_public_pages():
    names = {name for name, _ in PATTERNS}
    assert {"home", "detail", "tag", "results", "gallery", "sitemap-section"} <= names
    assert not any("admin" in "".join(map(str, parts)) for _, parts in PATTERNS)
