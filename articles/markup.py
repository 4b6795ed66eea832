"""Article bodies: Markdown written by staff, rendered to HTML and sanitised.

``render_body`` is the only way body HTML is made, and its output is the only
article HTML a template marks safe.
"""

import math
import re
import secrets
import xml.etree.ElementTree as etree
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from django.utils.text import slugify
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor

# [1], [1,2], [1-3], [1–3, 5]; not link text ([1](…)) or a reference link ([1][x]).
CITATION_PATTERN = r"\[(\d{1,3}(?:\s*[,\-\u2013]\s*\d{1,3})*)\](?![(\[:])"

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "small", "span", "a", "ul", "ol", "li", "blockquote", "cite", "q", "code", "pre",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "sup": {"id"},
    "span": {"id"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_CLASSES = {"sup": {"citation"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Body headings carry ids of their own namespace, so that a heading called
# "References" can never take over the page's id="references-heading" or ref-N.
HEADING_TAGS = {"h2", "h3", "h4"}
HEADING_ID_PREFIX = "section-"
HEADING_ID_RE = re.compile(r"^section-[a-z0-9]+(?:-[a-z0-9]+)*$")
HEADING_SLUG_LENGTH = 60
# Markdown's placeholders for stashed raw HTML and backslash escapes.
PLACEHOLDER_RE = re.compile("\x02[^\x03]*\x03")
WORDS_PER_MINUTE = 220


def citation_numbers(marker):
    """The reference numbers a marker names: "1,2" -> [1, 2]; "1-3" -> [1, 2, 3]."""
    numbers = []
    for part in re.split(r"\s*,\s*", marker.strip()):
        bounds = re.split(r"\s*[-\u2013]\s*", part)
        if len(bounds) == 2 and int(bounds[0]) < int(bounds[1]) <= int(bounds[0]) + 50:
            numbers.extend(range(int(bounds[0]), int(bounds[1]) + 1))
        else:
            numbers.extend(int(bound) for bound in bounds)
    return numbers


class CitationProcessor(InlineProcessor):
    """[1] in the body becomes a superscript link to reference 1.

    The first citation of each reference gets id="cite-N" so the reference
    list can link back to it.
    """

    def __init__(self, pattern, md, stamp):
        super().__init__(pattern, md)
        self.anchored = set()
        self.stamp = stamp

    def handleMatch(self, m, data):
        sup = etree.Element("sup", {"class": "citation"})
        numbers = citation_numbers(m.group(1))
        shown = re.split(r"(\s*[,\-\u2013]\s*)", m.group(1))
        for index, token in enumerate(shown):
            if index % 2:  # separator
                separator = "\u2013" if re.search(r"[-\u2013]", token) else ","
                self._append_text(sup, separator)
                continue
            number = int(token)
            link = etree.SubElement(sup, "a", {"href": f"#ref-{number}"})
            link.text = str(number)
            if number not in self.anchored:
                link.set("id", self.stamp.mark(f"cite-{number}"))
                self.anchored.add(number)
        # Numbers inside a range (the 2 of "1-3") get an empty anchor to return to.
        for number in numbers:
            if number not in self.anchored:
                etree.SubElement(sup, "span", {"id": self.stamp.mark(f"cite-{number}")})
                self.anchored.add(number)
        return sup, m.start(0), m.end(0)

    @staticmethod
    def _append_text(parent, text):
        last = parent[-1] if len(parent) else None
        if last is None:
            parent.text = (parent.text or "") + text
        else:
            last.tail = (last.tail or "") + text


class DemoteHeadings(Treeprocessor):
    """The page's only h1 is the headline: body headings start at h2."""

    def run(self, root):
        for element in root.iter():
            if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                level = int(element.tag[1])
                element.tag = f"h{min(max(level, 2), 4)}" if level > 1 else "h2"


def _heading_text(element):
    """The words of a heading, leaving out its citation markers."""
    parts = [element.text or ""]
    for child in element:
        if child.get("class") != "citation":
            parts.append(_heading_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


class HeadingIds(Treeprocessor):
    """Body headings get ids ("## Results" -> id="section-results"), unique in the
    body, so the table of contents can link to them."""

    def __init__(self, md, stamp):
        super().__init__(md)
        self.stamp = stamp

    def run(self, root):
        used = set()
        headings = [element for element in root.iter() if element.tag in HEADING_TAGS]
        for position, element in enumerate(headings, start=1):
            text = PLACEHOLDER_RE.sub(" ", UnescapeTreeprocessor().unescape(_heading_text(element)))
            slug = slugify(text)[:HEADING_SLUG_LENGTH].strip("-").replace("_", "-")
            base = HEADING_ID_PREFIX + (re.sub("-{2,}", "-", slug) or str(position))
            anchor, number = base, 1
            while anchor in used:
                number += 1
                anchor = f"{base}-{number}"
            used.add(anchor)
            element.set("id", self.stamp.mark(anchor))


class IdStamp:
    """Tells the ids this rendering made from any id the body's own HTML brings.

    Raw HTML in a body could carry id="ref-2", id="main" or id="cite-1" and so
    take over the page's anchors (a citation would jump to the wrong place, a
    skip link into the body). Ids we make are written with a random stamp that
    no writer can know in advance; the sanitiser keeps them without the stamp.
    Of the body's own ids only a heading's in the section- namespace survives,
    and only if no other id of the body has it already.
    """

    def __init__(self):
        self.stamp = f"x{secrets.token_hex(8)}-"
        self.made = set()
        self.kept = set()

    def mark(self, anchor):
        self.made.add(anchor)
        return self.stamp + anchor

    def filter_attribute(self, tag, attribute, value):
        if attribute != "id":
            return value
        if value.startswith(self.stamp):
            return value.removeprefix(self.stamp)
        if (
            tag in HEADING_TAGS
            and HEADING_ID_RE.match(value)
            and value not in self.made
            and value not in self.kept
        ):
            self.kept.add(value)
            return value
        return None


class BodyExtension(Extension):
    def __init__(self, stamp, **kwargs):
        super().__init__(**kwargs)
        self.stamp = stamp

    def extendMarkdown(self, md):
        # Above "reference" (170) so [1] is a citation, not a reference link.
        md.inlinePatterns.register(
            CitationProcessor(CITATION_PATTERN, md, self.stamp), "citation", 175
        )
        md.treeprocessors.register(DemoteHeadings(md), "demote_headings", 5)
        # After the demotion, so that only h2-h4 are left to name.
        md.treeprocessors.register(HeadingIds(md, self.stamp), "heading_ids", 4)


def _no_ids(tag, attribute, value):
    return None if attribute == "id" else value


def sanitize_html(html, *, keep_id=_no_ids):
    """The allowlist every piece of staff HTML passes: no script, style, event
    handler or non-web link, and no id but those ``keep_id`` keeps."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=keep_id,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_body(text):
    if not text or not text.strip():
        return ""
    stamp = IdStamp()
    html = markdown.markdown(
        text, extensions=["sane_lists", "tables", BodyExtension(stamp)], output_format="html"
    )
    return sanitize_html(html, keep_id=stamp.filter_attribute)


def body_citations(text):
    """Reference numbers the Markdown body cites as [N], [N,M] or [N-M]."""
    numbers = set()
    for match in re.finditer(CITATION_PATTERN, text or ""):
        numbers.update(citation_numbers(match.group(1)))
    return numbers


def link_targets(text):
    """The href of every link the Markdown body would render, before sanitising."""
    if not text or not text.strip():
        return []
    html = markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    return [unescape(href) for href in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', html)]


def is_allowed_link(href):
    """Web and e-mail addresses, and links within the site or the page."""
    scheme = urlsplit(href.strip()).scheme.lower()
    return scheme in {"", "http", "https", "mailto"} and not href.strip().startswith("//")


def cited_numbers(body_html):
    """Reference numbers the body cites (and so can be linked back to)."""
    return {int(number) for number in re.findall(r'id="cite-(\d+)"', body_html or "")}


class _HeadingReader(HTMLParser):
    """Collects the h2 and h3 headings of rendered body HTML, with their ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.current, self.skip = [], None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"h2", "h3"} and attrs.get("id"):
            self.current = {"level": int(tag[1]), "id": attrs["id"], "text": ""}
        elif self.current is not None and tag == "sup":
            self.skip += 1  # a citation marker is not part of the heading's words

    def handle_endtag(self, tag):
        if self.current is not None and tag == "sup" and self.skip:
            self.skip -= 1
        elif self.current is not None and tag == f"h{self.current['level']}":
            self.current["text"] = " ".join(self.current["text"].split())
            self.headings.append(self.current)
            self.current = None

    def handle_data(self, data):
        if self.current is not None and not self.skip:
            self.current["text"] += data


def body_headings(body_html):
    """[{"level": 2 or 3, "id": ..., "text": ...}] of the body's subheadings, in order:
    what a table of contents lists."""
    reader = _HeadingReader()
    reader.feed(body_html or "")
    reader.close()
    return reader.headings


def reading_minutes(body_html):
    """Minutes a reader needs for the body at WORDS_PER_MINUTE, rounded up; 0 when empty."""
    words = len(unescape(re.sub(r"<[^>]+>", " ", body_html or "")).split())
    return math.ceil(words / WORDS_PER_MINUTE)
