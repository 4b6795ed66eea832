"""Addresses a page may link to or be indexed under: one rule each, used by every app."""

import re

# What a browser ignores in a URL before it reads the scheme: "java\tscript:" runs.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")
_WEB_ADDRESS = re.compile(r"^https?://[^/?#]", re.IGNORECASE)


def web_address(url):
    """``url`` if it is an absolute http(s) address, else "".

    Forms already refuse other schemes; this is what a page links to, so that a
    row written before that check (or straight into the database) can never
    become a javascript:, data: or vbscript: link.
    """
    url = (url or "").strip()
    return url if _WEB_ADDRESS.match(_URL_IGNORED.sub("", url)) else ""


def canonical(request, path, page=None):
    """The address this page is indexed under: its object's address with no query
    string (tracking parameters dropped), keeping only the page number of a list
    past its first page."""
    url = request.build_absolute_uri(path)
    if page is not None and page.number > 1:
        url += f"?page={page.number}"
    return url
