"""The Content Security Policy in a real Chromium: reader pages and the admin
pages editors use work under it, with nothing refused.

Chromium reports each blocked script, style, image or frame on the console
("Refused to ..."), and a page-level `securitypolicyviolation` event; both are
collected, and any one fails the test with what was refused and where.
"""

import re

import pytest
import reversion
from django.contrib.auth.models import User
from reversion.models import Version

from tests.builders import get_topic, make_article, make_author, make_reference
from tests.images.builders import make_image

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.urls("tests.media_urls"),
]

# Init scripts run before the page's own; the listener survives navigation.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` (${event.sourceFile || "page"}:${event.lineNumber})`);
});
"""


class ViolationRecorder:
    def __init__(self, page):
        self.page = page
        self.problems = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: {error}"))

    def on_console(self, message):
        text = message.text
        reported = message.type == "error" or "Refused to" in text or "Permissions-Policy" in text
        # The 404 page's own status is logged as an error too; it is not a policy problem.
        if reported and "status of 404" not in text:
            self.problems.append(f"{self.page.url}: {text}")

    def visit(self, url):
        response = self.page.goto(url)
        assert response.ok or response.status == 404, (url, response.status)
        assert "default-src 'self'" in response.headers["content-security-policy"]
        self.page.wait_for_load_state("load")
        self.collect()
        return response

    def collect(self):
        for violation in self.page.evaluate("window.__violations || []"):
            self.problems.append(f"{self.page.url}: {violation}")
        self.page.evaluate("window.__violations = []")


def computed(page, selector, css_property):
    """The computed value of a CSS property on the first element matching selector."""
    return page.locator(selector).first.evaluate(
        "(element, name) => getComputedStyle(element).getPropertyValue(name)", css_property
    )


@pytest.fixture
def article(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    author = make_author("Dana Whitfield", credentials="MD, FAAD")
    with reversion.create_revision():
        article = make_article(
            "Ruxolitinib cream brings repigmentation to facial vitiligo",
            authors=[author],
            body="Two phase 3 trials[1] reported facial repigmentation at week 24.",
            lead_image=make_image(1600, 1067, caption="Repigmentation at week 24"),
            tags=["ruxolitinib"],
            topics=[get_topic("drug-watch")],
        )
        make_reference(article, number=1, doi="10.1056/NEJMoa2118828")
    with reversion.create_revision():
        article.deck = "A second version, for the history's compare page."
        article.save()
    return article


@pytest.fixture
def recorder(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield ViolationRecorder(page)
    context.close()


def test_reader_pages_work_under_the_policy(recorder, live_server, article):
    for path in ["/", "/topics/", article.get_absolute_url(), "/no/such/page/"]:
        recorder.visit(live_server.url + path)
    page = recorder.page
    page.goto(live_server.url + article.get_absolute_url())
    # The lead image (same-origin media) and the JSON-LD data block are there.
    lead = page.locator("main img").first
    expect(lead).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", lead.element_handle()) > 0
    assert page.locator('script[type="application/ld+json"]').count() >= 1
    recorder.collect()

    assert recorder.problems == []


def test_admin_pages_work_under_the_policy(recorder, live_server, article):
    User.objects.create_superuser("chief", "chief@example.org", "chief-pass-123")
    page = recorder.page
    admin = live_server.url + "/admin/"

    recorder.visit(admin + "login/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("chief-pass-123")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(admin)
    recorder.collect()

    recorder.visit(admin + "articles/article/")
    recorder.visit(admin + "articles/article/import/")
    recorder.visit(admin + "images/image/")
    # Sizes that were inline styles come from stylesheets now.
    assert computed(page, ".image-thumbnail", "max-width") == "120px"
    recorder.visit(admin + f"images/image/{article.lead_image_id}/change/")

    # The add form: autocomplete (select2), the date and time pickers, an inline row.
    recorder.visit(admin + "articles/article/add/")
    page.locator("#id_primary_topic + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill("Psor")
    page.get_by_role("option", name="Psoriasis", exact=True).click()
    page.locator(".datetimeshortcuts a").filter(has_text=re.compile("Today|Now")).first.click()
    page.locator(".datetimeshortcuts .date-icon").first.click()
    expect(page.locator(".calendarbox").first).to_be_visible()
    page.locator(".datetimeshortcuts .clock-icon").first.click()
    expect(page.locator(".clockbox").first).to_be_visible()
    page.get_by_role("button", name="Add another Reference").click()
    expect(page.locator("#references-0")).to_be_visible()
    recorder.collect()

    recorder.visit(admin + f"articles/article/{article.pk}/change/")
    recorder.visit(admin + f"articles/article/{article.pk}/history/")
    assert computed(page, 'input[name="version_id1"]', "visibility") == "hidden"
    newer, older = Version.objects.get_for_object(article)[:2]
    recorder.visit(
        admin + f"articles/article/{article.pk}/history/compare/"
        f"?version_id1={older.pk}&version_id2={newer.pk}"
    )
    expect(page.get_by_text("A second version, for the history's compare page.")).to_be_visible()
    recorder.visit(admin + f"articles/article/{article.pk}/history/{older.pk}/")

    assert recorder.problems == []
