"""Journeys through the site in a real Chromium, the way people use it.

A reader on a phone finds the seed article through the menu and follows a
citation to its reference and back; an editor writes and publishes an article
in the admin, and a reader finds it on its topic page. Locators are what a
person sees (roles, accessible names, labels) plus the few ids that are part
of the page's contract (the citation and reference anchors). Playwright's
`expect` waits for each step; there are no fixed sleeps.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from demo.management.commands.load_demo import DEMO_ACCOUNTS, SEED_TOPIC
from topics.models import Topic

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results" / "screenshots"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "color_scheme": "light",
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(**DESKTOP)
    yield context.new_page()
    context.close()


def open_the_article_and_follow_citation_1(page, seed_article):
    """From a topic page: open the seed article, jump from citation 1 to its
    reference, and come back to the citation with the reference's back-link."""
    headline = seed_article.headline
    card = page.get_by_role("main").get_by_role("heading", name=headline, exact=True)
    card.get_by_role("link", name=headline, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(headline)

    # Citation 1 in the body: a superscript link to #ref-1 that is itself #cite-1.
    citation = page.locator('a#cite-1[href="#ref-1"]')
    expect(citation).to_have_count(1)
    citation.click()
    expect(page).to_have_url(re.compile(r"#ref-1$"))
    reference = page.locator("#ref-1")
    expect(reference).to_be_in_viewport()
    expect(page.locator(":target")).to_have_id("ref-1")
    expect(reference).to_contain_text("Ruxolitinib Cream for Vitiligo")

    reference.locator('a[href="#cite-1"]').click()
    expect(page).to_have_url(re.compile(r"#cite-1$"))
    expect(page.locator(":target")).to_have_id("cite-1")
    expect(citation).to_be_in_viewport()


def test_a_reader_on_a_phone_finds_vitiligo_in_the_menu_and_checks_a_reference(
    phone, live_server, seed_article
):
    vitiligo = Topic.objects.get(slug=SEED_TOPIC)
    phone.goto(live_server.url + "/")

    menu = phone.get_by_role("banner").locator("summary:visible").filter(has_text="Menu")
    assert menu.count() == 1, (
        "The phone header needs one <details> whose <summary> reads 'Menu' "
        "(the topic tree, grouped under parent topics)."
    )
    expect(menu).to_be_visible()
    menu.click()
    tree = menu.locator("xpath=ancestor::details[1]")
    expect(tree).to_have_attribute("open", "")
    # Vitiligo sits under its parent, Pigmentary Disorders, in the open menu.
    expect(tree.get_by_text("Pigmentary Disorders").first).to_be_visible()
    vitiligo_link = tree.get_by_role("link", name="Vitiligo", exact=True)
    expect(vitiligo_link).to_be_visible()
    # The open menu, for a person to look at (test-results/ is not committed).
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("dark", "light"):
        phone.emulate_media(color_scheme=scheme)
        phone.screenshot(path=SCREENSHOTS / f"menu-open-390-{scheme}.png", full_page=True)
    vitiligo_link.click()

    expect(phone).to_have_url(live_server.url + vitiligo.get_absolute_url())
    expect(phone.get_by_role("heading", level=1)).to_have_text("Vitiligo")
    open_the_article_and_follow_citation_1(phone, seed_article)


def test_a_reader_on_a_phone_follows_a_citation_to_its_reference_and_back(
    phone, live_server, seed_article
):
    """The same reading journey from the Vitiligo page, which needs no menu."""
    vitiligo = Topic.objects.get(slug=SEED_TOPIC)
    phone.goto(live_server.url + vitiligo.get_absolute_url())
    expect(phone.get_by_role("heading", level=1)).to_have_text("Vitiligo")
    open_the_article_and_follow_citation_1(phone, seed_article)


def choose_in_autocomplete(page, select_id, typed, option):
    """Pick `option` in the admin's autocomplete box (select2) for <select id=select_id>."""
    page.locator(f"#{select_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.get_by_role("option", name=option, exact=True).click()


def test_an_editor_publishes_an_article_that_readers_find_on_its_topic_page(
    browser, desktop, live_server, seed_article
):
    username, group, password = DEMO_ACCOUNTS[0]
    editor = User.objects.get(username=username)
    # An editor, not a superuser: the journey runs on the Editors group's rights.
    assert not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == [group]
    page = desktop
    # A missing control should fail the test in seconds, not after 30.
    page.set_default_timeout(10_000)
    headline = "Practice update: documenting skin type in clinical photographs"
    reference_title = "Skin type in dermatology photographs: a methods note"

    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(live_server.url + "/admin/")

    articles_row = page.get_by_role("row").filter(
        has=page.get_by_role("link", name="Articles", exact=True)
    )
    articles_row.get_by_role("link", name="Add").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add article")

    page.get_by_label("Headline").fill(headline)
    page.get_by_label("Deck").fill("What to record alongside each image, and why it helps later.")
    page.get_by_label("Body:", exact=True).fill(
        "Recording the skin type with each clinical photograph makes the image "
        "easier to reuse in teaching and review.[1]\n\n"
        "This update collects the fields a photograph record should carry."
    )
    choose_in_autocomplete(page, "id_primary_topic", "Psor", "Psoriasis")
    choose_in_autocomplete(page, "id_topics", "Practice", "Practice Management")
    page.get_by_label("Tags").fill("clinical photography, skin type")
    page.get_by_label("State").select_option(label="Published")
    choose_in_autocomplete(page, "id_bylines-0-author", "Alex", re.compile("^Alex Morgan"))

    page.get_by_role("button", name="Add another Reference").click()
    reference = page.locator("#references-0")
    expect(reference).to_be_visible()
    reference.get_by_label("Number").fill("1")
    reference.get_by_label("Kind").select_option(label="Journal article")
    reference.get_by_label("Authors").fill("Doe J, Roe R")
    reference.get_by_label("Title").fill(reference_title)
    reference.get_by_label("Journal or publisher/site").fill("J Clin Photogr")
    reference.get_by_label("Year").fill("2024")
    reference.get_by_label("DOI").fill("10.1000/example.2024.1")

    page.get_by_role("button", name="Save", exact=True).first.click()
    success = page.locator(".messagelist .success")
    expect(success).to_contain_text(headline)
    expect(success).to_contain_text("added successfully")

    # A reader (no session) finds it on its topic page and on the further topic's.
    reader_context = browser.new_context(**DESKTOP)
    reader = reader_context.new_page()
    listed = (
        reader.get_by_role("main")
        .get_by_role("heading", name=headline, exact=True)
        .get_by_role("link", name=headline, exact=True)
    )
    reader.goto(live_server.url + "/topics/practice-management/")
    expect(listed).to_be_visible()
    reader.goto(live_server.url + "/topics/psoriasis/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Psoriasis")
    listed.click()

    expect(reader.get_by_role("heading", level=1)).to_have_text(headline)
    references = reader.get_by_role("region", name="References")
    expect(references.get_by_role("listitem")).to_have_count(1)
    expect(reader.locator("#ref-1")).to_contain_text(reference_title)
    expect(reader.locator('a#cite-1[href="#ref-1"]')).to_be_visible()
    tags = reader.get_by_role("region", name="Tags")
    for tag in ("clinical photography", "skin type"):
        expect(tags.get_by_role("link", name=tag, exact=True)).to_be_visible()
    reader_context.close()
