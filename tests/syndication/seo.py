"""Reading what a page tells search engines and link previews, from the parsed page."""

import json

from tests.pages import parse

JSON_LD = "application/ld+json"


def json_ld(response):
    """Each JSON-LD block of the page, parsed (the script's exact text, not collapsed)."""
    scripts = parse(response).find_all("script", type=JSON_LD)
    return [json.loads("".join(script.parts)) for script in scripts]


def json_ld_of_type(response, kind):
    found = [block for block in json_ld(response) if block.get("@type") == kind]
    assert len(found) == 1, (kind, json_ld(response))
    return found[0]


def meta_tags(response):
    """{property or name: [content, ...]} of the page's <meta> tags."""
    tags = {}
    for meta in parse(response).find_all("meta"):
        key = meta.attrs.get("property") or meta.attrs.get("name")
        if key:
            tags.setdefault(key, []).append(meta.attrs.get("content", ""))
    return tags


def meta(response, key):
    """The one value of a <meta> tag, or None when the page has none."""
    values = meta_tags(response).get(key, [])
    assert len(values) <= 1, (key, values)
    return values[0] if values else None


def canonical(response):
    links = parse(response).find_all("link", rel="canonical")
    assert len(links) <= 1
    return links[0].attrs["href"] if links else None
