"""Article bodies: Markdown written by staff, rendered to HTML and sanitised.

``render_body`` is the only way body HTML is made, and its output is the only
article HTML a template marks safe.
"""

import re
import xml.etree.ElementTree as etree
from html import unescape
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

# [1], [1,2], [1-3], [1–3, 5]; not link text ([1](…)) or a reference link ([1][x]).
CITATION_PATTERN = r"\[(\d{1,3}(?:\s*[,\-\u2013]\s*\d{1,3})*)\](?![(\[:])"

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "small", "span", "a", "ul", "ol", "li", "blockquote", "cite", "q", "code", "pre",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
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

    def __init__(self, pattern, md):
        super().__init__(pattern, md)
        self.anchored = set()

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
                link.set("id", f"cite-{number}")
                self.anchored.add(number)
        # Numbers inside a range (the 2 of "1-3") get an empty anchor to return to.
        for number in numbers:
            if number not in self.anchored:
                etree.SubElement(sup, "span", {"id": f"cite-{number}"})
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


class BodyExtension(Extension):
    def extendMarkdown(self, md):
        # Above "reference" (170) so [1] is a citation, not a reference link.
        md.inlinePatterns.register(CitationProcessor(CITATION_PATTERN, md), "citation", 175)
        md.treeprocessors.register(DemoteHeadings(md), "demote_headings", 5)


def sanitize_html(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_body(text):
    if not text or not text.strip():
        return ""
    html = markdown.markdown(
        text, extensions=["sane_lists", "tables", BodyExtension()], output_format="html"
    )
    return sanitize_html(html)


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
