"""Full-page screenshots for a person to judge the design, in a real Chromium.

Home, the Vitiligo topic page and the seed article, at 390 px (a phone) and
1280 px, light and dark, are written to test-results/screenshots/ (ignored by
git). The site carries realistic content: the seed article and a dozen
neutral, clearly generic articles across several topics, some with coloured
lead images and some without, so both cards are seen. Each page must fit its
screen (no sideways scrolling) and show every image it asks for.
"""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image as Pillow

from demo.management.commands.load_demo import SEED_TOPIC
from tests.builders import get_topic, make_article, make_author, now
from tests.images.builders import make_image
from topics.models import Topic

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Lead images must show: the portal serves uploads only in the local demo.
    pytest.mark.urls("tests.media_urls"),
]

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results" / "screenshots"
DEVICES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
SCHEMES = ["light", "dark"]
MIN_PNG_BYTES = 20_000

# (headline, deck, primary topic, lead image colour or None for a card without one)
SAMPLE_ARTICLES = [
    (
        "Conference preview: what to watch at the winter dermatology meetings",
        "The sessions, late-breaking abstracts and workshops our editors plan to cover.",
        "general-dermatology",
        (46, 94, 140),
    ),
    (
        "Practice update: consistent lighting for clinical photographs",
        "Simple steps that make photographs taken months apart easier to compare.",
        "practice-management",
        (196, 128, 84),
    ),
    (
        "Meeting calendar: dermatology congresses in the first half of the year",
        "Dates, places and abstract deadlines, collected in one list.",
        "general-dermatology",
        None,
    ),
    (
        "Guideline watch: where to find the current psoriasis recommendations",
        "Which societies publish guidance, and how often each is revised.",
        "psoriasis",
        (120, 150, 96),
    ),
    (
        "Reading list: recent reviews on atopic dermatitis in adults",
        "Review articles from the past year, grouped by question.",
        "atopic-dermatitis",
        None,
    ),
    (
        "Explainer: how to read a forest plot in a dermatology trial report",
        "What the squares, lines and diamond show, step by step.",
        "drug-watch",
        (92, 72, 140),
    ),
    (
        "Community events: a checklist for organising a skin check day",
        "Venues, staffing, records and follow-up, in the order they come up.",
        "skin-cancer",
        (170, 60, 70),
    ),
    (
        "Glossary: terms used in recent acne trial reports",
        "Lesion counts, global assessments and other outcome measures, defined.",
        "acne",
        None,
    ),
    (
        "Vitiligo: resources collected for conversations with patients",
        "Society pages and patient groups that clinicians often point to.",
        "vitiligo",
        (210, 180, 140),
    ),
    (
        "Vitiligo: how trial reports describe repigmentation",
        "The scoring indexes behind the percentages, and what each one measures.",
        "vitiligo",
        None,
    ),
    (
        "Practice update: photographing depigmentation under a Wood's lamp",
        "Settings and room conditions that keep the images comparable.",
        "vitiligo",
        (60, 120, 130),
    ),
    (
        "Pediatric dermatology: planning the move from children's to adult clinics",
        "How some departments organise the hand-over, and what records travel with it.",
        "pediatric-dermatology",
        None,
    ),
]


SAMPLE_BODY = "\n\n".join(
    [
        "A sample article for the design review. It stands in for a news story of "
        "ordinary length and makes no clinical claim.",
        "## What this page shows",
        "Paragraphs, a subheading and a short list, as editors write them:",
        "- a first point\n- a second point\n- a third point",
        "The text is repeated to give the page its usual length. " * 6,
    ]
)


def coloured_jpeg(width, height, colour):
    """A JPEG that fades from `colour` to a pale tint: a stand-in for a photograph."""
    pale = tuple(channel + (255 - channel) * 3 // 4 for channel in colour)
    fade = Pillow.linear_gradient("L").rotate(90).resize((width, height))
    picture = Pillow.composite(
        Pillow.new("RGB", (width, height), colour), Pillow.new("RGB", (width, height), pale), fade
    )
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


@pytest.fixture
def site_with_content(seed_article):
    """The seed article (load_demo) plus the sample articles, newest first in list order."""
    authors = [
        make_author("Jordan Ellis", credentials="MD"),
        make_author("Priya Raman", credentials="PA-C"),
        make_author("Sam Okafor", credentials="MD, FAAD"),
    ]
    for order, (headline, deck, topic, colour) in enumerate(SAMPLE_ARTICLES):
        lead_image = None
        if colour is not None:
            lead_image = make_image(
                name=f"sample-{order}.jpg",
                content=coloured_jpeg(1600, 1000, colour),
                alt_text="An abstract coloured placeholder picture",
                caption="A placeholder picture made for the design review",
                credit="Test suite",
            )
        published_at = now() - timedelta(hours=2 * order + 1)
        make_article(
            headline,
            authors=[authors[order % len(authors)]],
            deck=deck,
            body=SAMPLE_BODY,
            primary_topic=get_topic(topic),
            lead_image=lead_image,
            featured=order == 0,
            published_at=published_at,
            first_published_at=published_at,
        )
    return seed_article


def look_at(page, url):
    """Open `url` and wait until every image on the page has loaded (lazy ones too)."""
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("load")
    for image in page.locator("img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.images].every((image) => image.complete && image.naturalWidth > 0)"
    )
    page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize("device", DEVICES)
def test_full_page_screenshots_of_home_topic_and_article(
    browser, live_server, site_with_content, device
):
    seed = site_with_content
    pages = {
        "home": "/",
        "topic-vitiligo": Topic.objects.get(slug=SEED_TOPIC).get_absolute_url(),
        "article-seed": seed.get_absolute_url(),
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(**DEVICES[device])
    page = context.new_page()
    width = DEVICES[device]["viewport"]["width"]
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        for name, path in pages.items():
            look_at(page, live_server.url + path)
            assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} is {overflow}px wider than a {width}px screen"
            target = SCREENSHOTS / f"{name}-{width}-{scheme}.png"
            target.unlink(missing_ok=True)
            page.screenshot(path=target, full_page=True)
            assert target.stat().st_size > MIN_PNG_BYTES, f"{target.name} looks empty"
    context.close()
