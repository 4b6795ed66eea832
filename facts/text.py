"""The article's text as plain sentences, each kept to quote as a proposal's source."""

import re
import unicodedata

# Body Markdown written by the import: citation markers [1] / [1, 2], escapes, headings,
# list bullets and table pipes.
CITATION_RE = re.compile(r"\[\d+(?:\s*[,\u2013-]\s*\d+)*\]")
ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
LINE_PREFIX_RE = re.compile(r"^\s*(?:#{1,6}\s+|[-*\u2022]\s+|\d+\.\s+|>\s*)")
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}")
# A sentence ends at . ! ? (and closing quotes) followed by space and a capital,
# an opening quote or a digit.
SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"\u201d\u2019)]*\s+(?=[A-Z\u201c\"(\u2022\d])")
ABBREVIATIONS = ("et al.", "vs.", "Dr.", "e.g.", "i.e.", "approx.", "No.", "Fig.")


def normal(text):
    """NFC (composed accents) and plain spaces; ™/® kept, so word boundaries stay."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def plain_lines(text):
    """Lines of plain text: Markdown markup and citation markers removed, a table row
    with its cells separated by tabs."""
    lines = []
    for line in normal(text).splitlines():
        if TABLE_RULE_RE.match(line):
            continue
        if line.strip().startswith("|"):
            line = "\t".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        line = CITATION_RE.sub("", line)
        line = ESCAPE_RE.sub(r"\1", line)
        line = LINE_PREFIX_RE.sub("", line)
        lines.append(line.rstrip())
    return lines


def sentences(text):
    """The sentences of a text, in order; a table row or a list item is one sentence."""
    found = []
    paragraph = []

    def flush():
        if paragraph:
            found.extend(split_sentences(" ".join(paragraph)))
            paragraph.clear()

    for line in plain_lines(text):
        if not line.strip():
            flush()
        elif "\t" in line or len(line.split()) <= 12 and not line.rstrip().endswith("."):
            # A table row, a heading or a short item stands alone.
            flush()
            found.append(line.strip())
        else:
            paragraph.append(line.strip())
    flush()
    return [sentence for sentence in found if sentence]


def split_sentences(paragraph):
    protected = paragraph
    for abbreviation in ABBREVIATIONS:
        protected = protected.replace(abbreviation, abbreviation.replace(".", "\x00"))
    return [
        " ".join(part.replace("\x00", ".").split())
        for part in SENTENCE_END_RE.split(protected)
        if part.strip()
    ]


def cited_numbers(marker):
    """ "[1]" -> [1]; "[1, 3]" -> [1, 3]; "[2-4]" -> [2, 3, 4]."""
    numbers = []
    for part in re.split(r"\s*,\s*", marker.strip("[]")):
        low, _, high = re.sub(r"\s*[\u2013-]\s*", "-", part).partition("-")
        if high.isdigit() and int(low) <= int(high) <= int(low) + 50:
            numbers += range(int(low), int(high) + 1)
        elif low.isdigit():
            numbers.append(int(low))
    return numbers


def citations(text):
    """{sentence (as ``sentences`` gives it): [reference numbers it cites]}. A marker
    belongs to the sentence holding the words just before it."""
    found = {}
    all_sentences = sentences(text)
    for line in normal(text).splitlines():
        for match in CITATION_RE.finditer(line):
            before = CITATION_RE.sub("", line[: match.start()])
            before = " ".join(LINE_PREFIX_RE.sub("", ESCAPE_RE.sub(r"\1", before)).split())
            # The words since the last sentence end, else the last few words.
            tail = re.split(r"(?<=[.!?])\s+", before)[-1][-60:].strip() or before[-60:]
            sentence = next((s for s in all_sentences if tail and tail in s), None)
            if sentence is not None:
                numbers = found.setdefault(sentence, [])
                numbers += [n for n in cited_numbers(match.group()) if n not in numbers]
    return found
