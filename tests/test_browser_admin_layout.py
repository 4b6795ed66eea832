"""The admin pages editors complained about, measured in Chromium at 1280 px:
nothing wider than the screen, the history's diff (and a re-import's review)
wrapped, the article list readable (dates shown, headlines short)."""

from datetime import timedelta
from pathlib import Path

import pytest
import reversion
from django.contrib.auth.models import User
from reversion.models import Version

from images.models import Image
from tests.builders import make_article, now
from tests.images.builders import image_bytes
from tests.imports.builders import make_pending_import
from topics.models import Topic
from topics.taxonomy import ensure_initial_topics

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results" / "admin-layout"
WIDTH = 1280
LONG_LINE = "Repigmentation " * 60  # one unbroken paragraph, far wider than the screen


@pytest.fixture
def page(browser, live_server):
    ensure_initial_topics(Topic)
    User.objects.create_superuser("chief", "chief@example.org", "chief-pass-123")
    context = browser.new_context(viewport={"width": WIDTH, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("chief-pass-123")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")
    yield page
    context.close()


def page_width(page):
    return page.evaluate("document.scrollingElement.scrollWidth")


def shoot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def test_the_history_compare_wraps_the_body(page, live_server):
    with reversion.create_revision():
        article = make_article("A long body", body="First. " + LONG_LINE)
    with reversion.create_revision():
        article.body = "Second. " + LONG_LINE
        article.save()
    newer, older = Version.objects.get_for_object(article)[:2]

    page.goto(
        live_server.url + f"/admin/articles/article/{article.pk}/history/compare/"
        f"?version_id1={older.pk}&version_id2={newer.pk}"
    )
    shoot(page, "history-compare")

    diff = page.locator("pre.highlight").first
    assert diff.evaluate("(e) => getComputedStyle(e).whiteSpace") == "pre-wrap"
    assert diff.evaluate("(e) => e.scrollWidth <= e.clientWidth")
    assert page_width(page) <= WIDTH


def test_the_drug_form_fits_the_screen(page, live_server):
    page.goto(live_server.url + "/admin/drugs/drug/add/")
    shoot(page, "drug-add")

    assert page.locator("#milestones-group, .inline-group").first.is_visible()
    assert page_width(page) <= WIDTH


def test_the_article_list_shows_its_dates_and_keeps_headlines_short(page, live_server):
    for number in range(5):
        make_article(
            f"Story {number}: " + "a headline that goes on and on about a trial " * 4,
            published_at=now(),
        )

    page.goto(live_server.url + "/admin/articles/article/")
    shoot(page, "article-list")

    assert page_width(page) <= WIDTH
    # The date columns are on the screen, whole.
    for column in ["published_at", "modified_at"]:
        right = page.locator(f"td.field-{column}").first.evaluate(
            "(e) => e.getBoundingClientRect().right"
        )
        assert right <= WIDTH, column
    # A headline takes at most three lines; its full text stays in the link's title.
    cell = page.locator("th.field-headline_column").first
    line_height = cell.evaluate("(e) => parseFloat(getComputedStyle(e).lineHeight) || 16")
    assert cell.evaluate("(e) => e.getBoundingClientRect().height") <= 3.6 * line_height + 12
    assert "goes on and on" in cell.locator("[title]").get_attribute("title")


def test_the_lead_image_preview_follows_an_image_added_in_the_popup(
    page, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    article = make_article("Needs a picture")
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    preview = page.locator(".field-lead_image_preview .lead-image-preview")
    assert preview.inner_text().strip() == "No image yet."

    with page.expect_popup() as opened:
        page.locator("#add_id_lead_image").click()
    popup = opened.value
    popup.wait_for_load_state()
    popup.set_input_files(
        "#id_file",
        files=[{"name": "hands.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(900, 600)}],
    )
    popup.fill("#id_alt_text", "Hands with repigmented patches")
    popup.fill("#id_caption", "Week 24")
    popup.fill("#id_credit", "Clinic photo")
    popup.select_option("#id_kind", "stock")
    popup.locator("input[name=_save]").click()
    popup.wait_for_event("close")

    image = Image.objects.get()
    expect(preview.locator("img")).to_have_attribute("alt", "Hands with repigmented patches")
    assert preview.locator("img").get_attribute("src") == image.thumbnail.url
    assert "Photo: Clinic photo" in preview.inner_text()
    assert page.locator("#id_lead_image").input_value() == str(image.pk)
    shoot(page, "lead-image-after-popup")


def test_the_desk_fits_the_screen_with_its_menu(page, live_server):
    make_article("Goes live later today", published_at=now() + timedelta(hours=3))
    make_article("Live this morning", published_at=now() - timedelta(minutes=5))

    page.goto(live_server.url + "/admin/")
    shoot(page, "desk")

    assert page_width(page) <= WIDTH
    menu = page.get_by_role("navigation", name="Newsroom desk")
    expect(menu.get_by_role("link", name="Scheduled (1)")).to_be_visible()
    expect(
        page.locator("#desk-scheduled").get_by_role("link", name="Goes live later today")
    ).to_be_visible()
    expect(
        page.locator("#desk-today").get_by_role("link", name="Live this morning")
    ).to_be_visible()
    # Each section's title is readable on its bar: the bar's own (light) text colour,
    # not the link blue, which hardly shows on it.
    title = page.locator("#desk-review h2")
    bar_text = title.evaluate("(e) => getComputedStyle(e).color")
    assert title.locator("a").evaluate("(e) => getComputedStyle(e).color") == bar_text
    expect(title.get_by_role("link", name="Waiting for review (0)")).to_be_visible()


def test_the_review_of_a_reimport_wraps_every_line(page, live_server):
    article = make_article("A long live story", body="First. " + LONG_LINE, references=1)
    make_pending_import(
        article,
        body="Second. " + LONG_LINE + "\n\n" + LONG_LINE,
        references=[[1, "Ref. https://example.org/" + "a-very-long-path-" * 30]],
    )

    for width in (WIDTH, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + f"/admin/articles/article/{article.pk}/reimport/")
        shoot(page, f"reimport-review-{width}")

        lines = page.locator(".diff-line")
        assert lines.count() >= 4
        for line in lines.all():
            if not line.is_visible():
                continue  # folded away
            assert line.evaluate("(e) => getComputedStyle(e).whiteSpace") == "pre-wrap"
            assert line.evaluate("(e) => e.scrollWidth <= e.clientWidth")
        assert page_width(page) <= width
        # Each changed line says what it is in words, on the screen.
        expect(page.locator("#diff-body del .diff-label").first).to_have_text("Removed")
        expect(page.locator("#diff-body ins .diff-label").first).to_have_text("Added")
        expect(page.get_by_role("button", name="Apply")).to_be_visible()
        expect(page.get_by_role("button", name="Discard")).to_be_visible()
