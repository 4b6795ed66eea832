"""Reading the pages a reader or editor gets, without matching raw markup."""

from html.parser import HTMLParser


class _PageReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.links, self.tables = [], [], {}
        self._heading, self._link, self._table, self._cell = None, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self._heading = []
        elif tag == "a":
            self._link = (attrs.get("href"), [])
        elif tag == "table":
            self._table = self.tables.setdefault(attrs.get("id"), [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "h1" and self._heading is not None:
            self.headings.append(_text(self._heading))
            self._heading = None
        elif tag == "a" and self._link is not None:
            href, text = self._link
            self.links.append((href, _text(text)))
            self._link = None
        elif tag in ("td", "th") and self._cell is not None:
            self._table[-1].append(_text(self._cell))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        for collecting in (self._heading, self._link and self._link[1], self._cell):
            if collecting is not None:
                collecting.append(data)


def _text(parts):
    return " ".join("".join(parts).split())


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


def table(response, table_id):
    """The text of each cell, row by row, of the table with this id."""
    return read(response).tables[table_id]
