"""Snippets with the matched words marked, safe to put in a page.

Matches are first marked with two private-use characters (PostgreSQL's
ts_headline puts them in; on SQLite ``mark_words`` does); the text is then
escaped and only the markers become ``<mark>``, so nothing the article's author
typed is ever taken as markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

START, STOP = "\ue000", "\ue001"
MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
# Markdown that reads as noise in a snippet: citation numbers, link targets, heading
# and emphasis marks.
CITATION = re.compile(r"\s?\[\d+(?:\s*[,\-–]\s*\d+)*\]")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MARKDOWN_MARKS = re.compile(r"(?m)^\s*(?:#{1,6}|>|[-*]|\d+\.)\s+|\*+")


def plain(text):
    text = LINK.sub(r"\1", CITATION.sub("", text))
    return " ".join(MARKDOWN_MARKS.sub("", text).split())


def to_html(marked):
    """HTML of a text whose matches are marked with START/STOP."""
    parts, position = [], 0
    for match in MARKED.finditer(marked):
        parts.append(escape(_unmarked(marked[position : match.start()])))
        parts.append(f"<mark>{escape(match.group(1))}</mark>")
        position = match.end()
    parts.append(escape(_unmarked(marked[position:])))
    # Every piece of the text was escaped above; only our <mark> tags are markup.
    return mark_safe("".join(parts))


def _unmarked(text):
    return text.replace(START, "").replace(STOP, "")


def mark_words(text, words):
    """``text`` with every occurrence of these words marked (any case)."""
    words = sorted({word for word in words if word}, key=len, reverse=True)
    text = _unmarked(text)
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return pattern.sub(lambda match: f"{START}{match.group()}{STOP}", text)
