"""Citations built from one place: ``citation_record`` turns a reference's fields
into a record, and each output (AMA for the page and for plain text, RIS, BibTeX,
CSL-JSON) is a small writer of that record. A change to how a field is read is
made once, in ``citation_record``, and every output follows.
"""

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils import dateformat, timezone
from django.utils.html import format_html, format_html_join

from portal.addresses import web_address

# AMA 11th edition: up to six authors are listed; with more, the first three and "et al".
AMA_MAX_AUTHORS = 6
AMA_AUTHORS_BEFORE_ET_AL = 3
ET_AL_RE = re.compile(r"^et\.?\s+al\.?$", re.IGNORECASE)
# "Rosmarin D", "Pandya AG": a family name and AMA initials (no periods).
PERSON_RE = re.compile(r"^(?P<family>.+?)\s+(?P<given>[A-Z]{1,4})$")


def doi_url(doi):
    return f"https://doi.org/{doi}" if doi else ""


def pubmed_url(pmid):
    # A link only: nothing is fetched from PubMed while a page renders.
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else ""


@dataclass(frozen=True)
class CitationRecord:
    kind: str = "journal"  # Reference.Kind values: journal, web, book, other
    authors: tuple = ()  # AMA-style names, e.g. ("Rosmarin D", "Passeron T")
    et_al: bool = False  # the source listed more authors than are recorded
    title: str = ""
    container: str = ""  # journal abbreviation, publisher or site name
    year: int | None = None
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    url: str = ""
    accessed: date | None = None
    published: date | None = None  # a full date, for web pages (the year is in year)
    updated: date | None = None
    citation: str = ""  # the verbatim text, used when the fields were never filled
    key: str = ""  # an id within one export, e.g. "ref-1"
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def structured(self):
        return bool(self.title)

    @property
    def doi_url(self):
        return doi_url(self.doi)

    @property
    def pubmed_url(self):
        return pubmed_url(self.pmid)

    @property
    def link(self):
        """The one address a reader can follow: the URL, else the DOI's."""
        return self.url or self.doi_url

    @property
    def first_page(self):
        return re.split(r"\s*[-\u2013]\s*", self.pages, maxsplit=1)[0] if self.pages else ""

    @property
    def last_page(self):
        parts = re.split(r"\s*[-\u2013]\s*", self.pages, maxsplit=1) if self.pages else []
        return parts[1] if len(parts) == 2 else ""


def citation_record(reference):
    """The citation record of a Reference (or of a mapping of its fields)."""
    if isinstance(reference, Mapping):

        def get(name):
            return reference.get(name)
    else:

        def get(name):
            return getattr(reference, name, None)

    def text(name):
        value = get(name)
        return " ".join(str(value).split()) if value not in (None, "") else ""

    authors, et_al = split_authors(text("authors"))
    year = get("year")
    number = get("number")
    return CitationRecord(
        kind=text("kind") or "journal",
        authors=authors,
        et_al=et_al,
        title=_strip_period(text("title")),
        container=_strip_period(text("source")),
        year=int(year) if year not in (None, "") else None,
        volume=text("volume"),
        issue=text("issue"),
        pages=text("pages"),
        doi=text("doi"),
        pmid=text("pmid"),
        # Every output (page, RIS, BibTeX, CSL-JSON) links only to a web address.
        url=web_address(text("url")),
        accessed=get("accessed_on") if isinstance(get("accessed_on"), date) else None,
        citation=text("citation"),
        key=f"ref-{number}" if number else "",
    )


def split_authors(authors):
    """(names, et_al) from an AMA author string such as "Rosmarin D, Passeron T, et al"."""
    names, et_al = [], False
    for name in authors.split(","):
        name = _strip_period(name.strip())
        if not name:
            continue
        if ET_AL_RE.match(name) or ET_AL_RE.match(f"{name}."):
            et_al = True
        else:
            names.append(name)
    return tuple(names), et_al


def split_name(name):
    """(family, given) for a person in AMA form ("Pandya AG"); (None, name) for an
    organisation or anything else that is not in that form."""
    match = PERSON_RE.match(name)
    if not match:
        return None, name
    return match["family"], match["given"]


# -- AMA -----------------------------------------------------------------------
# The citation is a list of elements (sentences); each element is a list of runs
# (text, link or "", italic). Both AMA writers render the same elements, so the
# page and the plain text can never disagree.


def ama_elements(record):
    elements = []
    names = list(record.authors)
    if len(names) > AMA_MAX_AUTHORS:
        names, et_al = names[:AMA_AUTHORS_BEFORE_ET_AL], True
    else:
        et_al = record.et_al
    if names:
        elements.append([(_sentence(", ".join([*names, *(["et al"] * et_al)])), "", False)])
    if record.title:
        elements.append([(_sentence(record.title), "", False)])
    year = str(record.year) if record.year else ""

    if record.kind == "journal":
        if record.container:
            elements.append([(record.container, "", True), (".", "", False)])
        locator = record.volume
        if record.issue:
            locator += f"({record.issue})"
        if record.pages:
            locator += f":{record.pages}"
        if year and locator:
            locator = f"{year};{locator}"
        elif year:
            locator = year
        if locator:
            elements.append([(_sentence(locator), "", False)])
    elif record.kind == "book":
        publisher = record.container
        if year:
            publisher = f"{publisher}; {year}" if publisher else year
            if record.pages:
                publisher += f":{record.pages}"
        if publisher:
            elements.append([(_sentence(publisher), "", False)])
    else:
        if record.container:
            elements.append([(_sentence(record.container), "", False)])
        if record.published:
            elements.append([(f"Published {_ama_date(record.published)}.", "", False)])
        elif year:
            # A bare year after a site name would read as part of the name.
            elements.append([(f"Published {year}.", "", False)])
        if record.updated:
            elements.append([(f"Updated {_ama_date(record.updated)}.", "", False)])

    if record.accessed:
        elements.append([(f"Accessed {_ama_date(record.accessed)}.", "", False)])
    # AMA prefers the DOI to a URL for journal articles; a URL ends without a period.
    if record.url and not (record.kind == "journal" and record.doi):
        elements.append([(record.url, record.url, False)])
    elements.extend(_identifier_elements(record))
    return elements


def _identifier_elements(record):
    elements = []
    if record.doi:
        elements.append([("doi:", "", False), (record.doi, record.doi_url, False)])
    if record.pmid:
        elements.append([("PMID: ", "", False), (record.pmid, record.pubmed_url, False)])
    return elements


def ama_text(record):
    """The AMA citation as plain text (what the admin writes into the citation field)."""
    if not record.structured:
        return record.citation
    return " ".join("".join(text for text, _, _ in runs) for runs in ama_elements(record))


def ama_html(record):
    """The AMA citation as HTML for the page: journal in italics, DOI, PMID and URL
    as links. A reference with only its verbatim text shows that text, followed by
    its identifiers as links."""
    if record.structured:
        return _elements_html(ama_elements(record))
    links = _identifier_elements(record)
    if record.url:
        links.append([(record.url, record.url, False)])
    if not links:
        return format_html("{}", record.citation)
    if not record.citation:
        return _elements_html(links)
    return format_html(
        '{} <span class="reference-links">{}</span>', record.citation, _elements_html(links)
    )


def _elements_html(elements):
    return format_html_join(
        " ",
        "{}",
        ((format_html_join("", "{}", ((_run_html(*run),) for run in runs)),) for runs in elements),
    )


def _run_html(text, link, italic):
    if link:
        return format_html('<a href="{}">{}</a>', link, text)
    if italic:
        return format_html("<i>{}</i>", text)
    return format_html("{}", text)


# -- RIS -----------------------------------------------------------------------

RIS_TYPES = {"journal": "JOUR", "web": "ELEC", "book": "BOOK", "other": "GEN"}


def ris(records):
    """RIS, as Zotero, EndNote and Mendeley import it (CRLF line ends)."""
    lines = []
    for record in records:
        lines.append(("TY", RIS_TYPES.get(record.kind, "GEN")))
        for name in record.authors:
            family, given = split_name(name)
            lines.append(("AU", f"{family}, {given}" if family else given))
        lines.append(("TI", record.title or record.citation))
        if record.container:
            lines.append(("T2", record.container))
            if record.kind == "journal":
                lines.append(("J2", record.container))
        if record.year:
            lines.append(("PY", str(record.year)))
        if record.published:
            lines.append(("DA", record.published.strftime("%Y/%m/%d")))
        for tag, value in (
            ("VL", record.volume),
            ("IS", record.issue),
            ("SP", record.first_page),
            ("EP", record.last_page),
            ("DO", record.doi),
            ("UR", record.link),
        ):
            if value:
                lines.append((tag, value))
        if record.pmid:
            lines.append(("AN", f"PMID: {record.pmid}"))
        if record.accessed:
            lines.append(("Y2", record.accessed.strftime("%Y/%m/%d")))
        lines.append(("ER", ""))
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines)


# -- BibTeX --------------------------------------------------------------------

BIBTEX_TYPES = {"journal": "article", "book": "book", "web": "misc", "other": "misc"}
BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
}


def bibtex(records):
    keys = set()
    entries = []
    for record in records:
        fields = []
        if record.authors:
            names = []
            for name in record.authors:
                family, given = split_name(name)
                # An organisation in braces, so BibTeX does not split it into names.
                names.append(
                    f"{_bibtex_escape(family)}, {_bibtex_escape(given)}"
                    if family
                    else f"{{{_bibtex_escape(name)}}}"
                )
            if record.et_al:
                names.append("others")
            fields.append(("author", " and ".join(names)))
        fields.append(("title", _bibtex_escape(record.title or record.citation)))
        container_field = {"journal": "journal", "book": "publisher"}.get(record.kind)
        if record.container:
            fields.append((container_field or "howpublished", _bibtex_escape(record.container)))
        if record.year:
            fields.append(("year", str(record.year)))
        for name, value in (
            ("volume", record.volume),
            ("number", record.issue),
            ("pages", "--".join(filter(None, [record.first_page, record.last_page]))),
        ):
            if value:
                fields.append((name, _bibtex_escape(value)))
        # DOI and URL stay verbatim (the url package and reference managers read them
        # as they are); only braces would break the entry.
        if record.doi:
            fields.append(("doi", _bibtex_verbatim(record.doi)))
        if record.link:
            fields.append(("url", _bibtex_verbatim(record.link)))
        if record.pmid:
            fields.append(("pmid", record.pmid))
        if record.accessed:
            fields.append(("urldate", record.accessed.isoformat()))
        key = _bibtex_key(record, keys)
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@{BIBTEX_TYPES.get(record.kind, 'misc')}{{{key},\n{body}\n}}\n")
    return "\n".join(entries)


def _bibtex_key(record, taken):
    """A key such as "rosmarin2022"; "ref2" for a reference with no personal author."""
    family = split_name(record.authors[0])[0] if record.authors else None
    stem = unicodedata.normalize("NFKD", family or "").encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]", "", stem.lower())
    base = f"{stem}{record.year or ''}" if stem else re.sub(r"[^a-z0-9]", "", record.key or "ref")
    key, suffix = base, ord("a")
    while key in taken:
        key, suffix = f"{base}{chr(suffix)}", suffix + 1
    taken.add(key)
    return key


def _bibtex_escape(value):
    return "".join(BIBTEX_SPECIAL.get(character, character) for character in _one_line(value))


def _bibtex_verbatim(value):
    return _one_line(value).replace("{", "%7B").replace("}", "%7D")


# -- CSL-JSON ------------------------------------------------------------------

CSL_TYPES = {"journal": "article-journal", "web": "webpage", "book": "book", "other": "document"}


def csl_item(record):
    item = {"id": record.key or "ref", "type": CSL_TYPES.get(record.kind, "document")}
    item["title"] = record.title or record.citation
    if record.authors:
        authors = []
        for name in record.authors:
            family, given = split_name(name)
            authors.append({"family": family, "given": given} if family else {"literal": name})
        item["author"] = authors
    if record.container:
        key = "publisher" if record.kind == "book" else "container-title"
        item[key] = record.container
        if record.kind == "journal":
            item["container-title-short"] = record.container
    if record.published:
        item["issued"] = {"date-parts": [_date_parts(record.published)]}
    elif record.year:
        item["issued"] = {"date-parts": [[record.year]]}
    for name, value in (
        ("volume", record.volume),
        ("issue", record.issue),
        ("page", record.pages),
        ("DOI", record.doi),
        ("PMID", record.pmid),
        ("URL", record.link),
    ):
        if value:
            item[name] = value
    if record.accessed:
        item["accessed"] = {"date-parts": [_date_parts(record.accessed)]}
    return item


def csl_json(records):
    return json.dumps([csl_item(record) for record in records], ensure_ascii=False, indent=2)


# -- Helpers -------------------------------------------------------------------


def _sentence(text):
    """AMA elements end with a period unless they already end in punctuation."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _strip_period(text):
    # "et al." and a title's closing period: the writers add their own punctuation.
    return text[:-1].rstrip() if text.endswith(".") else text


def _ama_date(value):
    return dateformat.format(value, "F j, Y")


def _date_parts(value):
    return [value.year, value.month, value.day]


def _one_line(value):
    return " ".join(str(value).split())


# -- The article itself ("Cite this article") ----------------------------------

GROUP_WORDS = {"staff", "editors", "team", "desk", "newsroom", "editorial"}


def ama_person(name):
    """A byline name in AMA form: "Jane A. Doe" -> "Doe JA". Group bylines such as
    "Editorial Staff" stay as they are."""
    words = name.replace(".", " ").split()
    if len(words) < 2 or GROUP_WORDS & {word.lower() for word in words}:
        return " ".join(name.split())
    initials = "".join(word[0].upper() for word in words[:-1] if word[0].isalpha())
    return f"{words[-1]} {initials}".strip()


def article_record(article, *, url, site_name, accessed):
    """The citation record of an article on this site, as a web page."""
    published = timezone.localdate(article.published_at) if article.published_at else None
    updated = article.last_updated_at
    return CitationRecord(
        kind="web",
        authors=tuple(ama_person(byline.author.name) for byline in article.bylines.all()),
        title=_strip_period(" ".join(article.headline.split())),
        container=site_name,
        year=published.year if published else None,
        published=published,
        updated=timezone.localdate(updated) if updated else None,
        url=url,
        accessed=accessed,
        key=article.slug,
    )
