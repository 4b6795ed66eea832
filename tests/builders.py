"""Builders for test data: small functions with overridable defaults.

One place for "now", "yesterday" and "tomorrow" so tests agree on time.
"""

import itertools
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Author, Byline, Reference
from topics.models import Topic

_sequence = itertools.count(1)


def now():
    return timezone.now()


def days_ago(days):
    return now() - timedelta(days=days)


def yesterday():
    return now() - timedelta(days=1)


def tomorrow():
    return now() + timedelta(days=1)


def make_topic(name=None, **overrides):
    name = name or f"Topic {next(_sequence)}"
    fields = {"slug": slugify(name), "order": 1000 + next(_sequence)}
    fields.update(overrides)
    return Topic.objects.create(name=name, **fields)


def get_topic(slug):
    """One of the 24 topics the migration creates."""
    return Topic.objects.get(slug=slug)


def make_author(name=None, **overrides):
    name = name or f"Author {next(_sequence)}"
    fields = {"slug": slugify(name), "credentials": "MD, FAAD", "bio": f"{name} writes."}
    fields.update(overrides)
    return Author.objects.create(name=name, **fields)


def make_article(headline=None, *, authors=None, references=0, topics=(), tags=(), **overrides):
    """A published article from yesterday unless overridden."""
    headline = headline or f"Article {next(_sequence)}"
    fields = {
        "slug": slugify(headline),
        "deck": f"Deck of {headline}.",
        "body": "A paragraph of body text.",
        "status": Article.Status.PUBLISHED,
        "published_at": yesterday(),
    }
    fields.update(overrides)
    if "primary_topic" not in fields:
        fields["primary_topic"] = get_topic("vitiligo")
    if fields["status"] == Article.Status.PUBLISHED and fields.get("published_at"):
        fields.setdefault("first_published_at", fields["published_at"])
    article = Article.objects.create(headline=headline, **fields)
    for order, author in enumerate(authors or [make_author()]):
        Byline.objects.create(article=article, author=author, order=order)
    for number in range(1, references + 1):
        make_reference(article, number=number)
    if topics:
        article.topics.set(topics)
    if tags:
        article.tags.add(*tags)
    return article


def make_reference(article, number=1, **overrides):
    fields = {
        "kind": Reference.Kind.JOURNAL,
        "authors": "Rosmarin D, Passeron T, Pandya AG, et al",
        "title": f"Reference title {number}",
        "source": "N Engl J Med",
        "year": 2022,
        "volume": "387",
        "issue": "16",
        "pages": "1445-1455",
        "doi": f"10.1056/TEST{number}",
    }
    fields.update(overrides)
    return Reference.objects.create(article=article, number=number, **fields)


def make_editor(username="editor", password="editor-pass-123"):
    """A staff user in the Editors group, not a superuser."""
    user = User.objects.create_user(username=username, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def make_writer(username="writer", password="writer-pass-123"):
    """A staff user in the Writers group: edits their own drafts, submits them for review."""
    user = User.objects.create_user(username=username, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name="Writers"))
    return user


def make_draft(headline=None, *, created_by=None, **overrides):
    """An article nobody has published: a draft with no publication date."""
    overrides.setdefault("status", Article.Status.DRAFT)
    overrides.setdefault("published_at", None)
    return make_article(headline, created_by=created_by, **overrides)


SEED_PATH = "demo/seeds/ruxolitinib-vitiligo.txt"


def make_article_text(
    headline="Tralokinumab Eases Atopic Dermatitis in Adolescents",
    *,
    deck="A 52-week extension study reports durable responses in patients aged 12 to 17.",
    body=(
        "Investigators followed 289 adolescents enrolled in the ECZTRA 6 trial.1 "
        "The drug was well tolerated.",
        "Responses held through the extension,1,2 with conjunctivitis the most frequent "
        "adverse event; earlier trials agree1-3.",
        "“These data support long-term use,” said the lead investigator.3",
    ),
    references=(
        "Paller AS, Flohr C, Cork M, et al. Efficacy and Safety of Tralokinumab in "
        "Adolescents With Moderate to Severe Atopic Dermatitis. JAMA Dermatol. "
        "2023;159(6):596-605. doi:10.1001/jamadermatol.2023.0627",
        "LEO Pharma announces long-term adolescent data. LEO Pharma. "
        "https://www.leo-pharma.com/media/news.",
        "Smith J. Is long-term tralokinumab safe? DermWire. https://dermwire.example/tralo.",
    ),
    nav=("General Dermatology", "Eczema", "Atopic Dermatitis"),
    credit="Jane Photographer/Adobe Stock",
    trailer=True,
):
    """A plain-text article in the shape of FORMAT.md (nav, headline, deck, body, refs)."""
    blocks = []
    if nav:
        blocks.append("\n".join(f"  \u2022 {name}" for name in nav))
    blocks += [headline, deck]
    if credit:
        blocks.append(f"Photo: {credit}")
    blocks += list(body)
    if references:
        blocks.append(
            "\n".join(f"  {number}. {text}" for number, text in enumerate(references, start=1))
        )
    text = "\n\n".join(blocks)
    if trailer:
        text += "\nRelated Videos\n\u00a9 2024 MJH Life Sciences\n\nAll rights reserved."
    return text


def form_data_from(html, form_id):
    """The data a browser would submit from the form with this id, as rendered.

    Lets a test post a real admin change form after changing one field, the way
    an editor does, without retyping every field and inline.
    """
    from html.parser import HTMLParser

    class FormReader(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.inside, self.data, self.select, self.textarea = False, {}, None, None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "form":
                self.inside = attrs.get("id") == form_id
            if not self.inside or "name" not in attrs and tag != "option":
                return
            if tag == "input":
                kind = attrs.get("type", "text")
                if kind in {"checkbox", "radio"}:
                    if "checked" in attrs:
                        self.data.setdefault(attrs["name"], []).append(attrs.get("value", "on"))
                elif kind not in {"submit", "button", "file", "image", "reset"}:
                    self.data.setdefault(attrs["name"], []).append(attrs.get("value", ""))
            elif tag == "select":
                self.select = attrs["name"]
                self.data.setdefault(self.select, [])
            elif tag == "option" and self.select and "selected" in attrs:
                self.data[self.select].append(attrs.get("value", ""))
            elif tag == "textarea":
                self.textarea = attrs["name"]
                self.data[self.textarea] = [""]

        def handle_endtag(self, tag):
            if tag == "form":
                self.inside = False
            elif tag == "select":
                self.select = None
            elif tag == "textarea":
                self.textarea = None

        def handle_data(self, data):
            if self.textarea:
                self.data[self.textarea][0] += data

    reader = FormReader()
    reader.feed(html)
    # Browsers drop the newline that directly follows <textarea>.
    return {
        name: [value.removeprefix("\n") for value in values]
        if len(values) != 1
        else values[0].removeprefix("\n")
        for name, values in reader.data.items()
    }


# The footer's links to the policy pages: path -> link text.
POLICY_LINKS = {
    "/about/": "About us",
    "/editorial-policy/": "Editorial policy",
    "/corrections-policy/": "Corrections policy",
    "/advertising-policy/": "Advertising and sponsorship policy",
    "/privacy/": "Privacy",
    "/contact/": "Contact",
}
