"""AMA-style citations: from the text an editor pastes to structured fields, and back.

``parse_ama`` is forgiving: whatever it cannot place stays only in the verbatim
citation text, which is always kept. The approach is to take out the parts that
can be recognised on their own (DOI, PMID, URL, access date, the
``year;volume(issue):pages`` locator), then split what is left into sentences:
for a journal article the last is the journal, the one before it the title and
anything before that the authors; for a web page the last is the site.
"""

import re
from datetime import datetime

from .formats import ama_text, citation_record

KINDS = ("journal", "web", "book", "other")  # Reference.Kind values

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE = rf"{MONTHS}\.?(?:\s+\d{{1,2}},?)?\s+\d{{4}}"

LEADING_NUMBER_RE = re.compile(r"^\s*\d{1,3}\.\s+")
DOI_RE = re.compile(r"(?:\bdoi:\s*|\bhttps?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/\S+)", re.IGNORECASE)
PMID_RE = re.compile(r"\bPMID:?\s*(\d{1,10})\b", re.IGNORECASE)
PMCID_RE = re.compile(r"\bPMCID:?\s*PMC\d+\b", re.IGNORECASE)
URL_RE = re.compile(r"\b(https?://\S+)", re.IGNORECASE)
ACCESSED_RE = re.compile(rf"\bAccessed\s+({DATE})", re.IGNORECASE)
PUBLISHED_RE = re.compile(
    rf"\b(?:Published|Updated|Posted)(?:\s+online)?\s+({DATE}|\d{{4}})", re.IGNORECASE
)
# 2022;387(16):1445-1455 / 2021 Mar;12:e123 / 2020;(suppl 2):S1-S10
PAGE = r"[A-Za-z]{0,2}\d+[A-Za-z]?"
JOURNAL_LOCATOR_RE = re.compile(
    rf"(?<!\d)(?P<year>(?:19|20)\d\d)(?:\s+{MONTHS}\.?(?:\s+\d{{1,2}})?)?\s*;\s*(?=\d|\()"
    r"(?P<volume>[^\s():;.,]+)?\s*(?:\((?P<issue>[^)]+)\))?"
    rf"\s*(?::\s*(?P<pages>{PAGE}(?:\s*[-\u2013]\s*{PAGE})?))?"
)
# Publisher; 2018. (a book) at the end of what is left
BOOK_PUBLISHER_RE = re.compile(
    r"(?:^|(?<=[.?]\s))(?P<publisher>[^.;?]+);\s*(?P<year>(?:19|20)\d\d)\s*"
    rf"(?::\s*(?P<pages>{PAGE}(?:\s*[-\u2013]\s*{PAGE})?))?\s*\.?\s*$"
)
EDITION_RE = re.compile(r"\b\d+(?:st|nd|rd|th)\s+ed\.?", re.IGNORECASE)
YEAR_ONLY_RE = re.compile(r"^(?:19|20)\d\d$")
# A sentence ends at ". " or "? ", except after abbreviations that end in a period.
ABBREVIATION_RE = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:vs|e\.g|i\.e|Dr|St|No|Vol|Fig|approx)\.)$", re.IGNORECASE
)
SENTENCE_END_RE = re.compile(r"(?<=[.?])\s+(?=\S)")


def empty_fields():
    return {
        "kind": "other",
        "authors": "",
        "title": "",
        "source": "",
        "year": None,
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "pmid": "",
        "url": "",
        "accessed_on": None,
    }


def parse_ama(text):
    """Structured fields from one AMA citation. Unknown parts are left empty."""
    fields = empty_fields()
    rest = LEADING_NUMBER_RE.sub("", " ".join((text or "").split()))
    if not rest:
        return fields

    rest, doi = _take(DOI_RE, rest)
    fields["doi"] = _strip_trailing(doi)
    rest, pmid = _take(PMID_RE, rest)
    fields["pmid"] = pmid
    rest, _ = _take(PMCID_RE, rest)
    rest, url = _take(URL_RE, rest)
    fields["url"] = _strip_url(url)
    rest, accessed = _take(ACCESSED_RE, rest)
    fields["accessed_on"] = _parse_date(accessed)
    rest, published = _take(PUBLISHED_RE, rest)

    kind = "other"
    locator = JOURNAL_LOCATOR_RE.search(rest)
    if locator:
        kind = "journal"
        fields["year"] = int(locator["year"])
        fields["volume"] = locator["volume"] or ""
        fields["issue"] = (locator["issue"] or "").strip()
        fields["pages"] = _normalise_pages(locator["pages"])
        rest = rest[: locator.start()] + " " + rest[locator.end() :]
    else:
        book = BOOK_PUBLISHER_RE.search(rest)
        if book and (EDITION_RE.search(rest) or not fields["url"]):
            kind = "book"
            fields["source"] = _clean_segment(book["publisher"])
            fields["year"] = int(book["year"])
            fields["pages"] = _normalise_pages(book["pages"])
            rest = rest[: book.start()]
        rest = EDITION_RE.sub(" ", rest)

    segments = _segments(rest)
    # A year standing alone ("N Engl J Med. 2022.") is the year, not a segment.
    for segment in list(segments):
        if YEAR_ONLY_RE.match(segment):
            segments.remove(segment)
            fields["year"] = fields["year"] or int(segment)
    if fields["year"] is None and published:
        fields["year"] = int(published[-4:])

    if kind == "other":
        if fields["url"]:
            kind = "web"
        elif fields["doi"] or fields["pmid"]:
            kind = "journal"
    fields["kind"] = kind

    if kind == "journal":
        if segments:
            fields["source"] = segments.pop()
        if segments:
            fields["title"] = segments.pop()
        fields["authors"] = ". ".join(segments)
    elif kind == "book":
        if len(segments) >= 2:
            fields["authors"] = segments[0]
            fields["title"] = ". ".join(segments[1:])
        elif segments:
            fields["title"] = segments[0]
    elif len(segments) >= 3:
        fields["authors"] = segments[0]
        fields["title"] = ". ".join(segments[1:-1])
        fields["source"] = segments[-1]
    elif len(segments) == 2:
        fields["title"], fields["source"] = segments
    elif segments:
        fields["title"] = segments[0]
    return fields


def format_ama(reference):
    """An AMA citation as plain text from structured fields (a Reference or a mapping
    of its fields); written by the one AMA writer in ``references``."""
    return ama_text(citation_record(reference))


def _take(pattern, text):
    """Remove the first match of pattern from text; return (rest, group 1 or "")."""
    match = pattern.search(text)
    if not match:
        return text, ""
    return text[: match.start()] + " " + text[match.end() :], match.group(1)


def _strip_trailing(value):
    return value.rstrip(".,;")


def _strip_url(url):
    url = url.rstrip(".,;")
    # A closing parenthesis belongs to the URL only if it opened one.
    while url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1].rstrip(".,;")
    return url


def _parse_date(value):
    if not value:
        return None
    cleaned = re.sub(r"[.,]", " ", value)
    cleaned = re.sub(r"\bSept\b", "Sep", cleaned, flags=re.IGNORECASE)
    cleaned = " ".join(cleaned.split())
    for pattern in ("%B %d %Y", "%b %d %Y"):
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    return None


def _normalise_pages(pages):
    return re.sub(r"\s+", "", pages or "")


def _segments(text):
    """Split what is left of a citation into its sentences, trimmed."""
    text = " ".join(text.split())
    segments, start = [], 0
    for boundary in SENTENCE_END_RE.finditer(text):
        candidate = text[start : boundary.start()]
        if candidate.endswith(".") and ABBREVIATION_RE.search(candidate):
            continue
        segments.append(candidate)
        start = boundary.end()
    segments.append(text[start:])
    cleaned = (_clean_segment(segment) for segment in segments)
    return [segment for segment in cleaned if segment]


def _clean_segment(segment):
    segment = segment.strip(" ;,:")
    # Titles keep a question or exclamation mark; other sentences lose the period.
    while segment.endswith(".") and not ABBREVIATION_RE.search(segment):
        segment = segment[:-1].rstrip(" ;,:")
    return segment
