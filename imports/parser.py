"""Plain-text articles (the format is in imports/FORMAT.md) parsed into parts.

Pure functions, no database: ``parse_article_text`` splits a saved news page
into headline, deck, body, photo credit, references and the copyright line of
the trailer; ``ParsedArticle.body`` is the body as Markdown with citation
markers turned into [N] tokens. Writing the result is
``imports.services.import_article``.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from articles.markup import citation_numbers

BULLET_RE = re.compile(r"^\s*\u2022\s*(.*)$")
PHOTO_RE = re.compile(r"^Photo:\s*(.*)$", re.IGNORECASE)
REFERENCE_RE = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$")
REFERENCES_HEADING_RE = re.compile(r"^(?:references|sources)\s*:?$", re.IGNORECASE)
# "© 2024 MJH Life Sciences", "Copyright © 2023 Foo Media. All rights reserved.",
# "(c) 2020-2022 X": the holder and the (last) year.
COPYRIGHT_RE = re.compile(
    r"^(?:\u00a9|\(c\)|Copyright)\s*(?:\u00a9\s*|\(c\)\s*)?"
    r"(?P<first>\d{4})\b(?:\s*[-\u2013]\s*(?P<last>\d{4})\b)?,?\s*(?P<holder>.*)$",
    re.IGNORECASE,
)
COMPANY_ABBREVIATION_RE = re.compile(r"\b(?:Inc|Ltd|Co|Corp|Pty|S\.A|N\.V)\.$", re.IGNORECASE)
ALL_RIGHTS_RE = re.compile(r"\s*\ball rights reserved\b.*$", re.IGNORECASE)
TRAILER_RES = [
    re.compile(r"^Related Videos$", re.IGNORECASE),
    COPYRIGHT_RE,
    re.compile(r"^All rights reserved\.?$", re.IGNORECASE),
]

MARKER_RE = re.compile(
    r"(?<!\d)\d{1,3}(?:[,\-\u2013]\d{1,3})*"  # 1 / 1,2 / 1-3
    r"(?=[\s.,;:!?)\]\u2014\u2019\u201d\"']|$)"  # then a space, punctuation or the end
)
YEAR_RE = re.compile(r"(?:1[89]|20)\d\d")
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
# "Published: August 13, 2024", "Published on Aug. 13, 2024", "13 August 2024",
# "2024-08-13", "Updated August 14, 2024" (an update line is left out, not used).
DATELINE_RE = re.compile(
    r"^(?:(?P<label>Published|Posted|Updated)(?:\s+on)?\s*:?\s*)?"
    r"(?:" + _MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})\s+" + _MONTH.replace("month", "month2") + r",?\s+(?P<year2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))\.?$",
    re.IGNORECASE,
)
TRAILING_MARKER_RE = re.compile(
    r"(?<=[.!?:;,\u2026)\]\"'\u201d\u2019%])\d{1,3}(?:[,\-\u2013]\d{1,3})*$"
)
LIST_ITEM_RE = re.compile(r"^(?:\u2022|-)\s+(\S.*)$")
QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
CLOSERS = ")]\u201d\u2019\"'"  # closing bracket or quote
PUNCTUATION = ".,;:!?"


class ImportFormatError(ValueError):
    """The text is not an article in the expected shape; str() says why."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass
class ParsedArticle:
    nav_topics: list[str] = field(default_factory=list)
    headline: str = ""
    deck: str = ""
    # The body's paragraphs, subheadings, lists and tables, in order (Blocks).
    body_blocks: list = field(default_factory=list)
    credit: str = ""
    # (number, citation text as written)
    references: list[tuple[int, str]] = field(default_factory=list)
    # From the trailer's copyright line: "© 2024 MJH Life Sciences".
    copyright_holder: str = ""
    copyright_year: int | None = None
    # The original's date, from a dateline of the text ("Published: August 13, 2024").
    published_on: date | None = None
    # The text as given, kept with a re-import that waits for review.
    source_text: str = field(default="", compare=False, repr=False)

    @property
    def body_paragraphs(self):
        """The text of each body block (a list's items or a table's rows run together)."""
        return [block.text for block in self.body_blocks]

    @property
    def body(self):
        """The body as Markdown."""
        return self._converted[0]

    @property
    def warnings(self):
        """What an editor should check: each citation marker read by rule, in a line."""
        return list(self._converted[1])

    @cached_property
    def _converted(self):
        warnings = []
        body = body_to_markdown(self.body_blocks, [n for n, _ in self.references], warnings)
        return body, warnings


def decode_text(data):
    """Bytes of a file as text (UTF-8, BOM stripped); ImportFormatError if not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start}); "
            "save the file as UTF-8 and try again"
        ) from None


def parse_article_text(text):
    """Split a plain-text article into its parts; ImportFormatError if it has none."""
    lines = [line.rstrip() for line in text.lstrip("\ufeff").splitlines()]
    if not any(line.strip() for line in lines):
        raise ImportFormatError("the file is empty")
    if "\x00" in text:
        raise ImportFormatError("NUL characters: this is not a text file")

    nav_topics, credit, position = [], "", 0
    while position < len(lines):
        line = lines[position].strip()
        bullet = BULLET_RE.match(line)
        photo = PHOTO_RE.match(line)
        if bullet and bullet[1].strip():
            nav_topics.append(bullet[1].strip())
        elif photo:
            credit = credit or " ".join(photo[1].split())
        elif line:
            break
        position += 1
    lines = lines[position:]
    trailer = _trailer_start(lines)
    holder, year = copyright_in(lines[trailer:])
    lines = lines[:trailer]
    if not lines or REFERENCE_RE.match(lines[0]):
        raise ImportFormatError(
            "no headline: expected the headline as the first line after the site navigation"
        )
    headline = " ".join(lines[0].split())

    rest = lines[1:]
    start = _reference_list_start(rest)
    references = _references(rest[start:]) if start is not None else []
    content = rest[:start] if start is not None else rest

    kept = []
    for line in content:
        photo = PHOTO_RE.match(line.strip())
        if photo:
            credit = credit or " ".join(photo[1].split())
            continue
        kept.append(line)
    kept, published_on = _take_dateline(kept)
    blocks = _body_blocks(kept)
    if blocks and start is not None and REFERENCES_HEADING_RE.match(blocks[-1].text):
        blocks.pop()
    if len(blocks) < 2:
        raise ImportFormatError(
            "no body text: expected the deck and at least one paragraph after the headline"
        )
    return ParsedArticle(
        headline=headline,
        deck=blocks[0].text,
        body_blocks=_mark_subheadings(blocks[1:]),
        nav_topics=nav_topics,
        credit=credit,
        references=references,
        copyright_holder=holder,
        copyright_year=year,
        published_on=published_on,
        source_text=text,
    )


def _take_dateline(lines):
    """(lines without the datelines, the first publication date found or None).

    A dateline is a line of its own: "Published ..." / "Posted ..." / "Updated
    ..." with a date anywhere in the text, or a bare date as a block of its own.
    """
    published_on, kept = None, []
    for index, line in enumerate(lines):
        match = DATELINE_RE.match(line.strip())
        alone = not (index and lines[index - 1].strip()) and not (
            index + 1 < len(lines) and lines[index + 1].strip()
        )
        day = _date_of(match) if match and (match["label"] or alone) else None
        if day is None:
            kept.append(line)
            continue
        if published_on is None and (match["label"] or "").lower() != "updated":
            published_on = day
    return kept, published_on


def _date_of(match):
    """The date a DATELINE_RE match names, or None if it names none."""
    try:
        if match["iso"]:
            return date.fromisoformat(match["iso"])
        month = (match["month"] or match["month2"]).lower()
        month = "sep" if month == "sept" else month
        numbers = [index for index, name in enumerate(MONTHS, 1) if name.startswith(month)]
        if len(numbers) != 1 or (len(month) > 3 and month not in MONTHS):
            return None  # "Foo", "Augus": not a month
        year = int(match["year"] or match["year2"])
        return date(year, numbers[0], int(match["day"] or match["day2"]))
    except ValueError:
        return None


def _trailer_start(lines):
    """Index of the site's trailer (Related Videos, © YEAR PUBLISHER, All rights reserved.)."""
    for index, line in enumerate(lines):
        if any(pattern.match(line.strip()) for pattern in TRAILER_RES):
            return index
    return len(lines)


def copyright_in(trailer):
    """(holder, year) from the trailer's first copyright line; ("", None) if none."""
    for line in trailer:
        match = COPYRIGHT_RE.match(line.strip())
        if match:
            holder = ALL_RIGHTS_RE.sub("", " ".join(match["holder"].split())).strip(" ,;:")
            if holder.endswith(".") and not COMPANY_ABBREVIATION_RE.search(holder):
                holder = holder[:-1].rstrip()
            return holder, int(match["last"] or match["first"])
    return "", None


def _paragraphs(lines):
    """Blank-line separated blocks, each joined into one line."""
    paragraphs, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(" ".join(current).split()))
            current = []
    return paragraphs


@dataclass(frozen=True)
class Block:
    """One part of the body: a "paragraph" or "heading" (one text), a "list" (its
    items) or a "table" (its rows of cells, the first the header row)."""

    kind: str
    items: tuple
    one_line: bool = False  # a paragraph that stood alone on one line

    @property
    def text(self):
        if self.kind == "table":
            return " ".join("\t".join(row) for row in self.items)
        return " ".join(self.items)


def _body_blocks(lines):
    """The blank-line separated blocks of lines as Blocks.

    Inside a block, lines with a tab are table rows, lines that start with "•"
    or "- " are list items (a line after an item continues it), other lines
    are the wrapped lines of a paragraph. A list or a table split by blank
    lines is one list or table (a table only if its rows have as many cells).
    """
    blocks = []
    for first, last in _blocks(lines):
        block_lines = [lines[index].strip(" \u00a0") for index in range(first, last + 1)]
        parts = []
        for line in block_lines:
            item = LIST_ITEM_RE.match(line)
            if "\t" in line.strip():
                row = tuple(" ".join(cell.split()) for cell in line.strip(" ").split("\t"))
                if parts and parts[-1][0] == "table":
                    parts[-1][1].append(row)
                else:
                    parts.append(["table", [row]])
            elif item:
                if parts and parts[-1][0] == "list":
                    parts[-1][1].append(item[1])
                else:
                    parts.append(["list", [item[1]]])
            elif parts and parts[-1][0] in ("list", "paragraph"):
                parts[-1][1][-1] += " " + line.strip()  # a wrapped line
            else:
                parts.append(["paragraph", [line.strip()]])
        for index, (kind, items) in enumerate(parts):
            if kind == "paragraph":
                items = [" ".join(items[0].split())]
            elif kind == "list":
                items = [" ".join(text.split()) for text in items]
            previous = blocks[-1] if blocks else None
            if (
                index == 0
                and previous is not None
                and previous.kind == kind
                and (kind == "list" or kind == "table" and len(previous.items[0]) == len(items[0]))
            ):
                blocks[-1] = Block(kind, previous.items + tuple(items))
                continue
            one_line = kind == "paragraph" and len(parts) == 1 and len(block_lines) == 1
            blocks.append(Block(kind, tuple(items), one_line))
    return [_even_table(block) if block.kind == "table" else block for block in blocks]


def _even_table(block):
    """Every row with as many cells as the widest (empty cells added at the end)."""
    width = max(len(row) for row in block.items)
    return Block("table", tuple(row + ("",) * (width - len(row)) for row in block.items))


def _mark_subheadings(blocks):
    """A one-line paragraph that reads as a subheading, with body text after it,
    becomes a "heading" Block. Two or more such lines in a row (names, a
    scraped byline or caption) are not subheadings: they stay paragraphs."""
    candidates = [block.one_line and is_subheading(block.items[0]) for block in blocks]
    marked = []
    for index, block in enumerate(blocks):
        alone = not (index and candidates[index - 1]) and not (
            index + 1 < len(blocks) and candidates[index + 1]
        )
        last = index == len(blocks) - 1
        heading = candidates[index] and alone and not last
        marked.append(Block("heading", block.items) if heading else block)
    return marked


def is_subheading(line):
    """A short line (at most 12 words, 100 characters) that starts with a capital
    letter or a digit and does not end a sentence: no closing punctuation (. ! ?
    : ; , …), no quotation mark at either end, not a byline ("By ...")."""
    # "It worked.2": a sentence with its citation marker still ends a sentence.
    line = TRAILING_MARKER_RE.sub("", line)
    return (
        len(line) <= 100
        and len(line.split()) <= 12
        and (line[0].isupper() or line[0].isdigit())
        and any(character.isalpha() for character in line)
        and line[-1] not in ".!?:;,\u2026" + QUOTES
        and line[0] not in QUOTES
        and not re.match(r"By\s", line)
    )


def _reference_list_start(lines):
    """Index of the first line of the reference list at the end, or None.

    The list is the run of blocks at the end that each start with an "N. text"
    line (wrapped lines continue a reference). A numbered list in the body just
    before it looks the same, so the list starts at the last block numbered
    from 1; a "References" heading line also marks its start.
    """
    starts = []
    for first, last in reversed(_blocks(lines)):
        heading = REFERENCES_HEADING_RE.match(lines[first].strip()) and last > first
        first += 1 if heading else 0
        if not REFERENCE_RE.match(lines[first]):
            break
        starts.append(first)
        if heading:
            break
    if not starts:
        return None
    from_one = [index for index in starts if REFERENCE_RE.match(lines[index])[1] == "1"]
    return from_one[0] if from_one else starts[-1]


def _blocks(lines):
    """(first, last) line indexes of each run of non-blank lines."""
    blocks, first = [], None
    for index, line in enumerate([*lines, ""]):
        if line.strip() and first is None:
            first = index
        elif not line.strip() and first is not None:
            blocks.append((first, index - 1))
            first = None
    return blocks


def _references(lines):
    references = []
    for line in lines:
        if not line.strip():
            continue
        match = REFERENCE_RE.match(line)
        if match:
            references.append([int(match[1]), match[2].strip()])
        else:  # a wrapped line continues the reference above it
            references[-1][1] += " " + line.strip()
    numbers = [number for number, _ in references]
    duplicates = sorted({number for number in numbers if numbers.count(number) > 1})
    if duplicates:
        listed = ", ".join(str(number) for number in duplicates)
        raise ImportFormatError(f"the reference list has number {listed} more than once")
    return [(number, " ".join(text.split())) for number, text in references]


def body_to_markdown(blocks, reference_numbers, warnings=None):
    """The body's Blocks (or plain paragraphs) as Markdown: special characters
    escaped, citations as [N], subheadings as ##, lists as "- ", tables as pipe
    tables. ``warnings``, a list, receives a line for each marker decided by rule.
    """
    known = set(reference_numbers)
    return "\n\n".join(
        block_to_markdown(
            Block("paragraph", (block,)) if isinstance(block, str) else block, known, warnings
        )
        for block in blocks
    )


def block_to_markdown(block, known, warnings=None):
    def inline(text, **options):
        return inline_to_markdown(text, known, warnings, **options)

    if block.kind == "heading":
        return "## " + re.sub(r"#$", r"\\#", inline(block.items[0]))
    if block.kind == "list":
        return "\n".join(f"- {_escape_line_start(inline(item))}" for item in block.items)
    if block.kind == "table":
        rows = [
            "| " + " | ".join(inline(cell, cell=True).replace("|", "\\|") for cell in row) + " |"
            for row in block.items
        ]
        rows.insert(1, "|" + " --- |" * len(block.items[0]))
        return "\n".join(rows)
    return paragraph_to_markdown(block.items[0], known, warnings)


def paragraph_to_markdown(text, reference_numbers, warnings=None):
    return _escape_line_start(inline_to_markdown(text, reference_numbers, warnings))


def inline_to_markdown(text, reference_numbers, warnings=None, *, cell=False):
    """Text escaped for Markdown, with its citation markers as [N] (a range spelt out)."""
    pieces, last = [], 0
    for marker in citation_markers(text, reference_numbers, cell=cell):
        pieces.append(escape_markdown(text[last : marker.start]))
        pieces.append(f"[{','.join(str(number) for number in marker.numbers)}]")
        last = marker.end
        if marker.doubt and warnings is not None:
            warnings.append(
                f"citation {marker.text} read as a marker by rule ({marker.doubt}): "
                f"\u201c{sentence_around(text, marker.start, marker.end)}\u201d; "
                "check it against the original."
            )
    pieces.append(escape_markdown(text[last:]))
    if warnings is not None:
        for marker in unlinked_markers(text, reference_numbers, cell=cell):
            missing = [number for number in marker.numbers if number not in reference_numbers]
            word = text[max(0, marker.start - 12) : marker.end].split()[-1]
            warnings.append(
                f"\u201c{word}\u201d was left as text: it stands where a citation marker "
                f"stands, but the reference list has no {', '.join(map(str, missing))}: "
                f"\u201c{sentence_around(text, marker.start, marker.end)}\u201d; "
                "check the reference list and the original."
            )
    return "".join(pieces)


@dataclass(frozen=True)
class Marker:
    start: int
    end: int
    text: str
    numbers: tuple[int, ...]
    doubt: str = ""  # why the rule had to decide, when it had to


def citation_markers(text, reference_numbers, *, cell=False):
    """The citation markers in text that name only known references (Markers).

    A marker is glued to the end of a lowercase word, a closing bracket or
    quote, or a percent sign ("trials1.", "melanoma)3", "31%2"), or it follows
    the punctuation after a word, a bracket, a percentage or a year ("trials.1
    The", "trials,1,2 and", "11.0%.1", "August 2024.3"). After "N." (any other
    number and a full stop) it could be a decimal ("OLYMPIA 2.1 In"): it is a
    marker when a capital letter, an opening quote or bracket, or the end of the
    paragraph follows (not in a table cell), and the Marker says so in
    ``doubt``. Digits glued to a capital letter, a hyphen or a word of one or two
    letters are part of a name or a unit: TRuE-V1, F-VSI75, COVID-19, Th2, kg/m2.
    """
    known = set(reference_numbers)
    for marker in _marker_candidates(text, cell=cell):
        if marker.numbers and all(number in known for number in marker.numbers):
            yield marker


def _marker_candidates(text, *, cell=False):
    """Markers by position alone, whether or not the references exist."""
    for match in MARKER_RE.finditer(text):
        position = _marker_position(text, match.start(), match.end(), cell=cell)
        if position is not None:
            numbers = tuple(citation_numbers(match.group()))
            yield Marker(match.start(), match.end(), match.group(), numbers, position)


def unlinked_markers(text, reference_numbers, *, cell=False):
    """Digits standing where a marker stands, beyond doubt, that name a reference
    the list does not have ("trials9." with references 1-3): left as text."""
    known = set(reference_numbers)
    for marker in _marker_candidates(text, cell=cell):
        if not marker.doubt and not all(number in known for number in marker.numbers):
            yield marker


def _is_marker_position(text, start, end=None):
    """Whether digits at text[start:end] stand where a citation marker stands."""
    end = start + len(MARKER_RE.match(text, start)[0]) if end is None else end
    return _marker_position(text, start, end) is not None


def _marker_position(text, start, end, *, cell=False):
    """None where digits cannot be a marker; else "" or, when a rule had to
    decide between a number and a marker, why."""
    before = text[start - 1] if start >= 1 else ""
    before_that = text[start - 2] if start >= 2 else ""
    if before.islower():
        # A word of one or two letters with digits is a name or a unit: Th2 cells,
        # p53, 30 kg/m2, a 4 cm2 plaque. Citations follow longer words.
        word = re.search(r"[^\W\d_]*$", text[:start])[0]
        return "" if len(word) >= 3 else None
    if before == "%":
        return ""
    if before in CLOSERS:
        return "" if before_that and not before_that.isspace() else None
    if before not in PUNCTUATION:
        return None
    if before_that.isalpha() or before_that in CLOSERS or before_that == "%":
        return ""
    if not before_that.isdigit():
        return None
    # After a number and a punctuation mark: "2024.3", "OLYMPIA 2.1 In", "2:1", "1,234".
    number = re.search(r"(?<![\w.,])\d+$", text[: start - 1])
    if before == "." and number and YEAR_RE.fullmatch(number[0]):
        return ""  # "in August 2024.3": a year is not written with decimals
    if before == "," and number and YEAR_RE.fullmatch(number[0]) and end - start != 3:
        return ""  # "in 2023,1 the"; "2023,100" would be a number
    if before != "." or not number or number[0].startswith("0"):
        return None  # a ratio (2:1), a thousands separator, a decimal (0.5) or a version
    if "," in text[start:end]:
        return "a list of references cannot be a decimal"
    after = text[end:]
    if (not after.strip() and not cell) or re.match(r"\s+[A-Z\u201c\"(\[]", after):
        return (
            f"\u201c{number[0]}.{text[start:end]}\u201d could be a decimal; "
            "it is followed by the start of a sentence, so it was read as the end of one"
        )
    return None


def sentence_around(text, start, end, limit=160):
    """The sentence of text around text[start:end], for a warning."""
    # A sentence ends with . ! or ?, maybe a closing quote and a marker, then a space.
    boundary = r"[.!?][\u201d\u2019\"')]?(?:\d{1,3}(?:[,\-\u2013]\d{1,3})*)?(?:\s+|$)"
    first = max((m.end() for m in re.finditer(boundary, text[: start - 2])), default=0)
    ending = re.search(boundary, text[end:])
    last = end + ending.end() if ending else len(text)
    sentence = text[first:last].strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "\u2026"


def escape_markdown(text):
    """Escape what Markdown would read as markup inside a line."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([*_`\[\]])", r"\\\1", text)
    # A literal "&amp;" in the text must not turn into "&".
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    # Python-Markdown does not take \< : write an entity where a tag could start.
    return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)


def _escape_line_start(line):
    """Escape what Markdown would read as a heading, list or quote at a line's start."""
    if re.match(r"[#>+\-]", line):
        return "\\" + line
    numbered = re.match(r"(\d+)\.(\s|$)", line)
    if numbered:
        return f"{numbered[1]}\\.{line[numbered.end(1) + 1 :]}"
    return line


def find_topics_in(headline, topics):
    """The topics whose names occur in the headline, in order of appearance.

    Whole words, any case; longer names first, so "Psoriatic Arthritis" wins
    over a topic "Arthritis" inside it.
    """
    taken, found = [], []
    for topic in sorted(topics, key=lambda topic: len(topic.name), reverse=True):
        pattern = re.compile(rf"(?<!\w){re.escape(topic.name)}(?!\w)", re.IGNORECASE)
        for match in pattern.finditer(headline):
            span = range(match.start(), match.end())
            if not any(set(span) & set(other) for other in taken):
                taken.append(span)
                found.append((match.start(), topic))
                break
    return [topic for _, topic in sorted(found, key=lambda pair: pair[0])]


# Other words for a topic, each named in the taxonomy's description of it
# (topics/taxonomy.py), keyed by the topic's slug. Plurals need no entry.
TOPIC_SYNONYMS = {
    "skin-cancer": [  # "Melanoma, keratinocyte carcinomas and other cutaneous malignancies."
        "melanoma",
        "keratinocyte carcinoma",
        "basal cell carcinoma",
        "squamous cell carcinoma",
    ],
    "atopic-dermatitis": ["atopic eczema"],  # Eczema: "atopic, contact, ... eczema"
    "alopecia": ["hair loss"],  # "Hair loss, from alopecia areata ..."
    "drug-watch": ["approval", "approved", "approves"],  # "Approvals, label changes, ..."
    "wound-care": ["chronic wound", "ulcer"],  # "Chronic wounds, ulcers ..."
    "rare-disease": ["epidermolysis bullosa", "genodermatosis"],  # "... from epidermolysis ..."
}
# A name in the headline counts five times, in the deck twice, in the body once.
TOPIC_WEIGHTS = (("headline", 5), ("deck", 2), ("body", 1))
# A further topic needs this score, and a third of the first topic's.
TOPIC_MIN_SCORE = 3
MAX_TOPICS = 4


def topic_scores(parsed, topics):
    """{topic: score} for the topics the headline, deck and body name (weighted
    counts of their names, plurals and synonyms, whole words, any case; a longer
    name wins over a shorter one inside it), with the position of each first mention."""
    terms = [
        (term, topic)
        for topic in topics
        for term in [topic.name, *TOPIC_SYNONYMS.get(getattr(topic, "slug", None), [])]
    ]
    terms.sort(key=lambda pair: len(pair[0]), reverse=True)
    texts = {"headline": parsed.headline, "deck": parsed.deck}
    texts["body"] = " ".join(parsed.body_paragraphs)
    scores, first = {}, {}
    offset = 0
    for part, weight in TOPIC_WEIGHTS:
        text, taken = texts[part], set()
        for term, topic in terms:
            for match in _term_pattern(term).finditer(text):
                span = set(range(match.start(), match.end()))
                if span & taken:
                    continue
                taken |= span
                scores[topic] = scores.get(topic, 0) + weight
                first[topic] = min(first.get(topic, offset + match.start()), offset + match.start())
        offset += len(text) + 1
    return scores, first


def _term_pattern(term):
    plural = r"(?:e?s)?"
    if term.lower().endswith("sis"):  # keratosis -> keratoses
        return re.compile(rf"(?<!\w){re.escape(term[:-2])}(?:is|es)(?!\w)", re.IGNORECASE)
    return re.compile(rf"(?<!\w){re.escape(term)}{plural}(?!\w)", re.IGNORECASE)


def find_topics(parsed, topics):
    """The article's topics from its whole text, the primary first.

    The topic with the highest weighted score is the primary one (ties: the one
    named first). Others follow, best first, if named in the headline or scoring
    at least TOPIC_MIN_SCORE and a third of the first's; at most MAX_TOPICS.
    """
    scores, first = topic_scores(parsed, topics)
    ranked = sorted(scores, key=lambda topic: (-scores[topic], first[topic]))
    if not ranked:
        return []
    headline = set(find_topics_in(parsed.headline, topics))
    best = scores[ranked[0]]
    chosen = [ranked[0]] + [
        topic
        for topic in ranked[1:]
        if topic in headline or scores[topic] >= max(TOPIC_MIN_SCORE, best / 3)
    ]
    return chosen[:MAX_TOPICS]
