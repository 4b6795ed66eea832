"""Hostile content: a corpus of stored-XSS payloads and the checks a page must pass
whatever staff typed, read from the page as a browser parses it (html5lib)."""

# ruff: noqa: E501 (the corpus reads best one payload a line)
import json
import re
from collections import Counter

import html5lib

# Text a writer (or an import, or a stolen staff account) could put in any field.
PAYLOADS = {
    "script": '<script>alert("xss")</script>',
    "img onerror": "<img src=x onerror=alert(1)>",
    "svg onload": "<svg onload=alert(1)><circle r=1 /></svg>",
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "style and mixed case": '<style>body{display:none}</style><a href="JaVaScRiPt:alert(1)">x</a>',
    "entity-encoded scheme": '<a href="&#106;avascript:alert(1)">e</a><a href="java&#x09;script:alert(1)">t</a>',
    "double-quote breakout": '" onmouseover="alert(1)" autofocus onfocus="alert(1)" x="',
    "single-quote breakout": "' onmouseover='alert(1)' x='",
    "json-ld breakout": "</script><script>alert(1)</script><!-- <script>",
    "data and vbscript": '<a href="data:text/html;base64,PHNjcmlwdD4=">d</a><a href="vbscript:msgbox(1)">v</a>',
    "meta refresh and base": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="javascript:alert(1)//">',
    "id hijack": '<div id="main" name="main"><span id="ref-1">x</span><a id="cite-1" name="ref-2">y</a></div>',
    "object and embed": '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    "form action": '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">b</button></form>',
    "mutation": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "unicode and ampersands": "\u2028<ScRiPt>alert(1)</sCrIpT> & ünïcödé «quotes» &amp; &lt;b&gt;",
}

# What could sit in a URL field written before the form checked it, or by an import.
URL_PAYLOADS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "\x01javascript:alert(1)",
]

# Markdown the body adds to the payload: links with bad schemes, an image, our
# own citations and headings (so that the ids we make are on the page too).
BODY_EXTRA = """

## Results [1]

Cited [1] and [2-3]. [mixed](JaVaScRiPt:alert(1)) [entity](&#106;avascript:alert(1))
[data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox(1)) ![pic](javascript:alert(1))
<a href="java&#x09;script:alert(1)">tab</a> <a href="#ref-1" id="ref-2">hijack</a>
[mail](mailto:desk@example.org) [web](https://example.org/study)

<h2 id="section-results">A second "Results" heading of the body's own</h2>
"""

ALLOWED_LINK_SCHEMES = {"http", "https", "mailto"}
ALLOWED_SOURCE_SCHEMES = {"http", "https"}
URL_ATTRIBUTES = {"href", "action", "formaction", "data", "poster", "background", "cite"}
SOURCE_ATTRIBUTES = {"src"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style"}
SCRIPT_DATA_TYPES = {"application/ld+json", "application/json"}
# What a browser ignores in a URL before it reads the scheme.
_IGNORED = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def fit(value, length):
    """The payload cut to a field's length (PostgreSQL enforces it)."""
    return value[:length] if length else value


def scheme(url):
    match = _SCHEME.match(_IGNORED.sub("", url).lower())
    return match.group(1) if match else ""


def _local(name):
    return name.rsplit("}", 1)[-1].lower()


def parse_html(html):
    return html5lib.parse(html, namespaceHTMLElements=False)


def problems(html, *, admin=False):
    """What is wrong with a page's HTML (an empty list when nothing): event
    handlers, scripts that are not ours, links with other schemes, duplicate ids."""
    found = []
    ids = Counter()
    for element in parse_html(html).iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        tag = _local(element.tag)
        attrs = {_local(name): value for name, value in element.attrib.items()}
        if tag in FORBIDDEN_ELEMENTS:
            found.append(f"<{tag}> element")
        if tag == "meta" and "http-equiv" in attrs:
            found.append(f"<meta http-equiv={attrs['http-equiv']!r}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and scheme(value) not in {"", *ALLOWED_LINK_SCHEMES}:
                found.append(f"<{tag} {name}={value!r}>")
            if name in SOURCE_ATTRIBUTES and scheme(value) not in {"", *ALLOWED_SOURCE_SCHEMES}:
                found.append(f"<{tag} {name}={value!r}>")
            if name == "srcset":
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if scheme(url) not in {"", *ALLOWED_SOURCE_SCHEMES}:
                        found.append(f"<{tag} srcset={value!r}>")
            if name == "style" and re.search(r"url\(|expression\(|javascript", value, re.I):
                found.append(f"<{tag} style={value!r}>")
            if name == "id":
                ids[value] += 1
        if tag == "script":
            found.extend(_script_problems(element, attrs, admin=admin))
    found.extend(
        f"id {anchor!r} appears {count} times" for anchor, count in ids.items() if count > 1
    )
    return found


def _script_problems(element, attrs, *, admin):
    kind = attrs.get("type", "").lower()
    if kind in SCRIPT_DATA_TYPES:
        try:
            json.loads(element.text or "")
        except ValueError:
            return [f"script of type {kind} is not JSON: {element.text!r}"]
        return []
    source = attrs.get("src", "")
    # The admin's own scripts are files from our static folder (and its
    # translation catalogue); readers' pages have none but JSON-LD.
    if (
        admin
        and source.startswith(("/static/", "/admin/jsi18n/"))
        and not (element.text or "").strip()
    ):
        return []
    return [f"script {attrs!r}: {(element.text or '')[:80]!r}"]


def json_ld_blocks(html):
    return [
        json.loads(element.text)
        for element in parse_html(html).iter("script")
        if element.get("type") == "application/ld+json"
    ]


def html_problems_in_feed(xml_root):
    """Each HTML-typed text of a feed (an RSS item's description, Atom's
    type="html" elements) checked as a feed reader renders it. The channel's
    description and Atom's plain titles are text, which readers show as text."""
    texts = [item.findtext("description") for item in xml_root.iter("item")]
    texts += [element.text for element in xml_root.iter() if element.get("type") == "html"]
    return [problem for text in texts if text for problem in problems(text)]
