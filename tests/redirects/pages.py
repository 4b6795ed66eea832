"""Reading the pages a reader or editor gets, without matching raw markup."""

from html.parser import HTMLParser


class _PageReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.links = [], []
        self._heading, self._link = None, None

    def handle_starttag(self, tag, attrs):
        if tag == "h1":
            self._heading = []
        elif tag == "a":
            self._link = (dict(attrs).get("href"), [])

    def handle_endtag(self, tag):
        if tag == "h1" and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None
        elif tag == "a" and self._link is not None:
            href, text = self._link
            self.links.append((href, " ".join("".join(text).split())))
            self._link = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)
        if self._link is not None:
            self._link[1].append(data)


def read(response):
    reader = _PageReader()
    reader.feed(response.content.decode())
    return reader


def headline(response):
    """The text of the page's one <h1>."""
    (heading,) = read(response).headings
    return heading


def links(response):
    """[(href, text)] of every link on the page."""
    return read(response).links
