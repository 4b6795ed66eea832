"""Reading a page as a reader sees it: parsed HTML, never raw substrings of markup."""

from html.parser import HTMLParser

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}


class Element:
    """One element of a parsed page: its tag, attributes, children and text."""

    def __init__(self, tag, attrs):
        self.tag = tag
        self.attrs = {name: value or "" for name, value in attrs}
        self.children = []
        self.parts = []

    @property
    def text(self):
        """The text inside the element, as a reader sees it (whitespace collapsed)."""
        return " ".join("".join(self.parts).split())

    def descendants(self):
        for child in self.children:
            yield child
            yield from child.descendants()

    def find_all(self, tag=None, *, cls=None, **attrs):
        """Elements below this one with this tag, this class and these attributes."""
        return [
            element
            for element in self.descendants()
            if (tag is None or element.tag == tag)
            and (cls is None or cls in element.attrs.get("class", "").split())
            and all(element.attrs.get(name) == value for name, value in attrs.items())
        ]

    def find(self, tag=None, *, cls=None, **attrs):
        """The first matching element below this one, or None."""
        found = self.find_all(tag, cls=cls, **attrs)
        return found[0] if found else None

    def links(self):
        """[(href, link text)] of the links inside this element, in page order."""
        return [(link.attrs.get("href"), link.text) for link in self.find_all("a")]


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [])
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.open[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(Element(tag, attrs))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        for element in self.open:
            element.parts.append(data)


def parse(response_or_html):
    """The page (a response or its HTML) as a tree of Elements."""
    html = getattr(response_or_html, "content", response_or_html)
    parser = _PageParser()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    parser.close()
    return parser.root


def visible_text(response_or_html):
    """All the text of a page, whitespace collapsed: what a reader can read."""
    return parse(response_or_html).text
