"""WCAG 2.2 AA in a real browser: axe-core on every kind of reader page.

axe-core comes inside the axe-playwright-python wheel (requirements-dev.txt), so
this runs offline with only Python and Debian's Chromium; like the other browser
tests it is skipped without Chromium, except under CI=true, where it fails.

Pages are reached by URL, never by markup, so the tests survive a redesign: each
page is checked at a phone and a desktop width, in the light and the dark colour
scheme, and must have zero violations of any impact.
"""

import pytest
from django.urls import reverse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"phone": 390, "desktop": 1280}
SCHEMES = ["light", "dark"]

# Every rule axe has for WCAG 2.0/2.1/2.2 A and AA, plus its best practices.
# Naming the tags also runs rules axe leaves off by default (target-size, 2.5.8).
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22a",
            "wcag22aa",
            "best-practice",
        ],
    },
    "resultTypes": ["violations"],
}


def _tag_path(article):
    tag = article.tags.order_by("name").first()
    return reverse("articles:tag", kwargs={"slug": tag.slug})


# name -> (path from the seed article, expected status)
PAGES = {
    "home": (lambda article: reverse("home"), 200),
    "topic-index": (lambda article: reverse("topics:index"), 200),
    "topic": (lambda article: reverse("topics:detail", kwargs={"slug": "vitiligo"}), 200),
    "article": (lambda article: article.get_absolute_url(), 200),
    "author": (lambda article: article.bylines.first().author.get_absolute_url(), 200),
    "tag": (_tag_path, 200),
    "search": (lambda article: reverse("search:results") + "?q=vitiligo", 200),
    "not-found": (lambda article: "/no-such-page-here/", 404),
    # Beyond the list: the other page types a reader reaches from the footer.
    "drug-index": (lambda article: reverse("drugs:index"), 200),
    "gallery": (lambda article: reverse("images:gallery", kwargs={"slug": "vitiligo"}), 200),
    "drug": (lambda article: reverse("drugs:detail", kwargs={"slug": "ruxolitinib"}), 200),
}


def _axe_script():
    # Imported late so a machine without the package skips, like Playwright.
    module = pytest.importorskip("axe_playwright_python.sync_playwright")
    return module.Axe().axe_script


def describe(violations):
    """A report a developer can act on: rule, impact, what to do, where."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}\n      {node['html'][:200]}\n      {summary[:400]}")
    return "\n".join(lines)


def axe_failures(page, where, devices=WIDTHS, schemes=SCHEMES):
    """Run axe on the loaded page at each width and in each colour scheme; return
    a report of every violation ("" when there are none).

    The page is loaded once and axe injected once: resizing the viewport and
    switching prefers-color-scheme restyle it as a fresh load at that size would.
    """
    page.evaluate(_axe_script())
    failures = []
    for device in devices:
        page.set_viewport_size({"width": WIDTHS[device], "height": 900})
        for scheme in schemes:
            page.emulate_media(color_scheme=scheme)
            results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
            if results["violations"]:
                failures.append(
                    f"axe-core {results['testEngine']['version']} on {where} at "
                    f"{WIDTHS[device]}px, {scheme}:\n{describe(results['violations'])}"
                )
    return "\n\n".join(failures)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 900})
    page = context.new_page()
    yield page
    context.close()


def load(page, url, status=200):
    response = page.goto(url)
    assert response.status == status, url
    page.wait_for_load_state("load")


@pytest.mark.parametrize("name", PAGES)
def test_reader_pages_have_no_axe_violations(page, live_server, seed_article, name):
    """Zero violations of any impact at 390 and 1280 px, light and dark."""
    path_for, status = PAGES[name]
    path = path_for(seed_article)
    load(page, live_server.url + path, status)
    failures = axe_failures(page, f"{path} ({name})")
    assert not failures, failures


def _disclosure(page, label):
    """The visible <summary> whose rendered text is `label`, or None."""
    summaries = page.locator("summary")
    for index in range(summaries.count()):
        summary = summaries.nth(index)
        if summary.is_visible() and summary.inner_text().strip().lower() == label.lower():
            return summary
    return None


# The header's disclosures, checked while open: what they reveal is only in the
# accessibility tree (and only coloured) once a reader opens them.
DISCLOSURES = {"phone-menu": ("phone", "Menu"), "desktop-topics": ("desktop", "All topics")}


@pytest.mark.parametrize("disclosure", DISCLOSURES)
def test_header_disclosures_have_no_axe_violations_when_open(
    page, live_server, seed_article, disclosure
):
    device, label = DISCLOSURES[disclosure]
    page.set_viewport_size({"width": WIDTHS[device], "height": 900})
    load(page, live_server.url + seed_article.get_absolute_url())
    summary = _disclosure(page, label)
    assert summary is not None, f"no visible <summary>{label}</summary> at {WIDTHS[device]}px"
    summary.click()
    assert summary.evaluate("node => node.parentElement.open"), f"{label} did not open"
    failures = axe_failures(page, f"the article with {label} open", devices=[device])
    assert not failures, failures
