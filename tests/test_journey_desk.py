"""The newsroom desk in a real Chromium: an editor imports a new article, accepts the
facts proposed from its text, publishes it, and a reader finds it faithful.

The file has a tab-separated table, a bulleted list, subheadings, citation markers
after numbers ("August 2024.3", "11.0%.1") and a range ("1-3"). Besides the login the
editor types one field (the approval's day, which the text does not give); everything
else comes from the text, the proposals or a choice.
FIELDS_TYPED counts what the editor typed or chose, which the closing note of issue
16 states as the work left to bring an import to the demo article's level.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article
from demo.management.commands.load_demo import DEMO_ACCOUNTS

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTICLE = Path(__file__).resolve().parent / "imports" / "articles" / "nemolizumab-prurigo.txt"
HEADLINE = "FDA Approves Nemolizumab for Moderate to Severe Prurigo Nodularis"
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"}
# The file to import, the proposals' Accept boxes (counted as one choice each) and the
# state: what the editor chose in the journey below.
FIELDS_TYPED = {"file": 1, "accept boxes": None, "state": 1}


@pytest.fixture
def desktop(browser):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    # A missing control should fail the test in seconds, not after 30.
    page.set_default_timeout(10_000)
    yield page
    context.close()


def log_in(page, live_server):
    username, _group, password = DEMO_ACCOUNTS[0]
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(live_server.url + reverse("admin:index"))


def cells(table):
    return [
        [cell.inner_text().strip() for cell in row.locator("th, td").all()]
        for row in table.locator("tr").all()
    ]


def test_an_editor_imports_accepts_facts_and_publishes_a_faithful_article(
    browser, desktop, live_server, seed_article
):
    page = desktop
    log_in(page, live_server)

    # Import: upload, preview, confirm. No topic is given: it comes from the text.
    page.goto(live_server.url + reverse("admin:articles_article_import"))
    page.get_by_label("Text files").set_input_files(ARTICLE)
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("main")).to_contain_text(HEADLINE)
    page.get_by_role("button", name=re.compile(r"^Import 1 article")).click()
    expect(page.locator(".messagelist")).to_contain_text(HEADLINE)
    article = Article.objects.get(headline=HEADLINE)

    # Suggest facts, from the article's change page: accept every proposal.
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    page.locator(".object-tools").get_by_role("link", name="Suggest facts").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Suggest facts")
    boxes = page.locator("fieldset.proposal").get_by_label("Accept")
    assert boxes.count() >= 2, "the article names its trials: they are proposed"
    FIELDS_TYPED["accept boxes"] = boxes.count()
    for box in boxes.all():
        box.check()
    # "in August 2024" gives no day: the approval's date is the one field typed.
    approval = page.locator("fieldset.proposal--milestone").first
    expect(approval.get_by_label("drug (generic name)")).to_have_value("nemolizumab")
    approval.get_by_label("Date").fill("2024-08-13")
    FIELDS_TYPED["milestone date"] = 1
    page.get_by_role("button", name="Save accepted facts").click()
    expect(page.locator(".messagelist .success")).to_contain_text("suggested facts accepted")

    # Publish from the change page.
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    page.get_by_label("State").select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist .success")).to_contain_text(HEADLINE)

    # A reader's view of the article.
    reader_context = browser.new_context(**DESKTOP)
    reader = reader_context.new_page()
    article.refresh_from_db()
    reader.goto(live_server.url + article.get_absolute_url())
    expect(reader.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    body = reader.locator(".article__body")
    expect(body.get_by_role("heading", level=2, name="Trial design")).to_be_visible()
    expect(body.get_by_role("heading", level=2, name="Results")).to_be_visible()
    expect(body.get_by_role("heading", level=2, name="Safety")).to_be_visible()
    table = body.locator("table")
    expect(table).to_have_count(1)
    rows = cells(table)
    assert rows[0] == ["End point", "Nemolizumab (n=183)", "Placebo (n=91)"]
    assert ["IGA 0/1 at week 16", "37.7%", "11.0%"] in rows
    items = body.locator("ul > li")
    expect(items).to_have_count(3)
    expect(items.first).to_contain_text("headache (6.6% vs 3.3%)")

    # Every marker links the right reference: "August 2024." then 3, "11.0%." then 1,
    # and the range 1-3 at the end links 1, 2 and 3.
    markers = [link.get_attribute("href") for link in body.locator("sup.citation a").all()]
    assert markers[0] == "#ref-3"
    assert {"#ref-1", "#ref-2", "#ref-3", "#ref-4", "#ref-5"} == set(markers)
    assert markers[-3:] == ["#ref-1", "#ref-2", "#ref-3"]
    results = body.locator("p", has_text="IGA success in 37.7% vs 11.0%.")
    # The 1 after "11.0%." is a superscript link to reference 1, not part of the number.
    first_marker = results.locator("sup.citation a").first
    expect(first_marker).to_have_attribute("href", "#ref-1")
    expect(first_marker).to_have_text("1")

    # The accepted trials in the evidence table, the drug linked from the tags.
    evidence = reader.locator("table.evidence-table")
    expect(evidence.get_by_role("columnheader", name="OLYMPIA 2")).to_be_visible()
    expect(
        reader.get_by_role("link", name=re.compile("nemolizumab", re.IGNORECASE)).first
    ).to_be_visible()
    reader_context.close()

    # Work left to the editor: a handful of choices and one date.
    assert sum(FIELDS_TYPED.values()) <= 12, FIELDS_TYPED
