"""The plain-text article parser: no database, only text in and parts out."""

from datetime import date
from pathlib import Path

import pytest

from articles.markup import render_body
from imports.parser import (
    ImportFormatError,
    body_to_markdown,
    copyright_in,
    decode_text,
    escape_markdown,
    find_topics,
    find_topics_in,
    inline_to_markdown,
    is_subheading,
    paragraph_to_markdown,
    parse_article_text,
    topic_scores,
)
from tests.builders import SEED_PATH, make_article_text

SEED_TEXT = Path(SEED_PATH).read_text(encoding="utf-8")


@pytest.fixture
def seed():
    return parse_article_text(SEED_TEXT)


def test_seed_headline_deck_and_navigation(seed):
    assert seed.headline == (
        "Researchers Optimistic About Ruxolitinib Cream as Non-Segmental Vitiligo Treatment"
    )
    assert seed.deck.startswith("Following 2 phase 3 trials, the European Medicines Agency")
    assert seed.deck.endswith("facial-involved non-segmental vitiligo.")
    assert len(seed.nav_topics) == 24
    assert seed.nav_topics[:2] == ["General Dermatology", "Eczema"]
    assert seed.nav_topics[-1] == "Practice Management"


def test_seed_body_credit_and_trailer(seed):
    assert seed.credit == "Peakstock/Adobe Stock"
    assert len(seed.body_paragraphs) == 10
    assert seed.body_paragraphs[0].startswith("Global pharmaceutical company Incyte")
    assert seed.body_paragraphs[-1].startswith("With a positive opinion of the cream")
    body = "\n".join(seed.body_paragraphs)
    assert "Photo:" not in body
    assert "Related Videos" not in body
    assert "\u00a9" not in body
    assert "All rights reserved" not in body
    assert "\u2022" not in body


def test_seed_provenance_from_the_trailer(seed):
    assert (seed.copyright_holder, seed.copyright_year) == ("MJH Life Sciences", 2024)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("\u00a9 2024 MJH Life Sciences", ("MJH Life Sciences", 2024)),
        ("Copyright 2023 Foo Media", ("Foo Media", 2023)),
        ("(c) 2022 X", ("X", 2022)),
        ("(C) 2022, Bar Publishing.", ("Bar Publishing", 2022)),
        ("Copyright \u00a9 2019\u20132024 Foo Media, Inc. All rights reserved.",
         ("Foo Media, Inc.", 2024)),
        ("\u00a9 2024 MJH Life Sciences and Dermatology Times. All rights reserved.",
         ("MJH Life Sciences and Dermatology Times", 2024)),
        ("\u00a9 2024", ("", 2024)),
    ],
)  # fmt: skip
def test_copyright_line(line, expected):
    assert copyright_in(["Related Videos", line, "", "All rights reserved."]) == expected


def test_copyright_holder_and_year_in_a_parsed_article():
    text = make_article_text(trailer=False) + "\n\nCopyright 2023 Foo Media\n"

    parsed = parse_article_text(text)

    assert (parsed.copyright_holder, parsed.copyright_year) == ("Foo Media", 2023)
    assert "Foo Media" not in parsed.body
    assert [number for number, _ in parsed.references] == [1, 2, 3]


def test_no_trailer_means_no_provenance():
    parsed = parse_article_text(make_article_text(trailer=False))

    assert (parsed.copyright_holder, parsed.copyright_year) == ("", None)


def test_a_year_in_the_body_is_not_a_copyright_line():
    parsed = parse_article_text(
        make_article_text(body=("Sales rose in 2023 and 2024.", "A second paragraph."))
    )

    assert parsed.body_paragraphs[0] == "Sales rose in 2023 and 2024."
    assert (parsed.copyright_holder, parsed.copyright_year) == ("MJH Life Sciences", 2024)


def test_decode_text_strips_the_bom_and_refuses_other_encodings():
    assert decode_text("\ufeffCaf\u00e9".encode()) == "Caf\u00e9"
    with pytest.raises(ImportFormatError, match="not UTF-8 text"):
        decode_text("Caf\u00e9".encode("latin-1"))


def test_seed_quotation_stays_in_the_body(seed):
    quotation = seed.body_paragraphs[7]
    assert quotation.startswith("\u201cThe positive CHMP opinion")
    assert "said Incyte Chief Medical Officer Steven Stein, MD" in quotation


def test_seed_references_are_verbatim(seed):
    assert [number for number, _ in seed.references] == [1, 2, 3]
    assert seed.references[0][1].startswith("Rosmarin D, Passeron T, Pandya AG, et al.")
    assert seed.references[0][1].endswith("doi:10.1056/NEJMoa2118828")
    assert seed.references[2][1] == (
        "read ETmin, Moderator SM. Skin cancer and Vitiligo: What's the connection? "
        "SkinCancer.net. https://skincancer.net/clinical/skin-cancer-and-vitiligo."
    )


def test_seed_markers_become_citations_and_names_stay(seed):
    body = seed.body

    assert "controlled Phase 3 trials[1]. The trials (TRuE-V1 and TRuE-V2)" in body
    assert "in a February press release[2]. \u201cWith" in body
    assert "people with melanoma)[3] in European Union" in body
    assert body.count("[") == 3
    for name in ["F-VSI/F-VSI75", "(n=330)", "2:1", "1.5%", "age 12", "Phase 3", "week 24"]:
        assert name in body


def test_seed_body_renders_three_citation_links(seed):
    html = render_body(seed.body)

    assert [html.count(f'href="#ref-{n}"') for n in (1, 2, 3)] == [1, 1, 1]
    assert "TRuE-V1 and TRuE-V2" in html
    assert "F-VSI75" in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two controlled trials1. Next", "two controlled trials[1]. Next"),
        ("in a press release2.", "in a press release[2]."),
        ("with melanoma)3 in", "with melanoma)[3] in"),
        ("the trials.1 The", "the trials.[1] The"),
        ("the trials,1,2 and", "the trials,[1,2] and"),
        ("earlier trials1-3.", "earlier trials[1,2,3]."),  # a range spelt out: all linked
        ("earlier trials.1-3", "earlier trials.[1,2,3]"),
        ("earlier trials.1\u20133", "earlier trials.[1,2,3]"),
        ("as he said.\u201d2 Then", "as he said.\u201d[2] Then"),
        ("at the end of it all3", "at the end of it all[3]"),
        ("TRuE-V1 and TRuE-V2, F-VSI75.", "TRuE-V1 and TRuE-V2, F-VSI75."),
        ("COVID-19, Phase 3, age 12.", "COVID-19, Phase 3, age 12."),
        ("a 1.5% cream, a 2:1 ratio (n=330).", "a 1.5% cream, a 2:1 ratio (n=330)."),
        ("in October 2022.1 The", "in October 2022.[1] The"),  # a year has no decimals
        ("in August 2024.3", "in August 2024.[3]"),
        ("in 2023,1 the", "in 2023,[1] the"),
        ("37.7% vs 11.0%.1 Sleep", "37.7% vs 11.0%.[1] Sleep"),
        ("a fall of 31%2 in", "a fall of 31%[2] in"),
        ("OLYMPIA 2.1 In OLYMPIA 1", "OLYMPIA 2.[1] In OLYMPIA 1"),  # by rule, with a warning
        ("as in OLYMPIA 2.1", "as in OLYMPIA 2.[1]"),  # the end of the paragraph
        ("OLYMPIA 2.1,2 and", "OLYMPIA 2.[1,2] and"),  # a list is no decimal
        ("a mean of 2.1 points", "a mean of 2.1 points"),  # a decimal
        ("P = 0.2 The", "P = 0.2 The"),  # 0.N is always a decimal
        *[
            (names, names)
            for names in (
                "a 2:1 ratio, 1,234 patients, 12,300 visits",
                "EASI-75, PASI 90, n=151, 0.5%, PP-NRS \u22654, IGA 0/1.",
            )
        ],
        ("cited work9.", "cited work9."),  # no reference 9
        ("the trials1,9 and", "the trials1,9 and"),  # all numbers must exist
        ("version1a of it", "version1a of it"),  # not followed by space or punctuation
        ("Th2 cells, p53 and IL-13.", "Th2 cells, p53 and IL-13."),
        ("a BMI of 30 kg/m2, a 4 cm2 plaque.", "a BMI of 30 kg/m2, a 4 cm2 plaque."),
    ],
)
def test_citation_markers(text, expected):
    assert paragraph_to_markdown(text, {1, 2, 3}) == expected


def test_a_marker_read_by_rule_is_a_warning_naming_its_sentence():
    text = "Sleep improved by week 4 in OLYMPIA 2.1 In OLYMPIA 1, results held.2 Fine.1"
    warnings = []

    markdown = paragraph_to_markdown(text, {1, 2}, warnings)

    assert markdown == (
        "Sleep improved by week 4 in OLYMPIA 2.[1] In OLYMPIA 1, results held.[2] Fine.[1]"
    )
    [warning] = warnings
    assert "citation 1" in warning
    assert "\u201c2.1\u201d could be a decimal" in warning
    sentence = "Sleep improved by week 4 in OLYMPIA 2.1 In OLYMPIA 1, results held.2"
    assert f"\u201c{sentence}\u201d" in warning


def test_a_table_cell_decimal_stays_a_number():
    assert inline_to_markdown("2.1", {1}, cell=True) == "2.1"
    assert inline_to_markdown("12.3", {3}, cell=True) == "12.3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a *starred* _word_ and `code`", r"a \*starred\* \_word\_ and \`code\`"),
        ("a [bracket] and a back\\slash", r"a \[bracket\] and a back\\slash"),
        ("<b>bold</b> and p<0.05", "&lt;b>bold&lt;/b> and p<0.05"),
        ("R&amp;D and AT&T", "R&amp;amp;D and AT&T"),
    ],
)
def test_escape_markdown(text, expected):
    assert escape_markdown(text) == expected


@pytest.mark.parametrize(
    ("paragraph", "markdown"),
    [
        ("# Not a heading", r"\# Not a heading"),
        ("1. Not a list", r"1\. Not a list"),
        ("- Not a list", r"\- Not a list"),
        ("+ Not a list", r"\+ Not a list"),
        ("> Not a quote", r"\> Not a quote"),
        ("1.5% is a number", "1.5% is a number"),
    ],
)
def test_line_starts_are_escaped(paragraph, markdown):
    assert paragraph_to_markdown(paragraph, {1}) == markdown


def test_escaped_text_renders_as_written():
    paragraphs = ["# 1. *Not* [1] <b>bold</b> p<0.05 a_b R&amp;D", "- item", "trials1."]

    html = render_body(body_to_markdown(paragraphs, [1]))

    assert "<p># 1. *Not* [1] &lt;b&gt;bold&lt;/b&gt; p&lt;0.05 a_b R&amp;amp;D</p>" in html
    assert "<p>- item</p>" in html
    assert html.count('href="#ref-1"') == 1


def test_synthetic_article_with_strict_ama_markers():
    parsed = parse_article_text(make_article_text())

    assert parsed.headline == "Tralokinumab Eases Atopic Dermatitis in Adolescents"
    assert parsed.deck.startswith("A 52-week extension study")
    assert parsed.credit == "Jane Photographer/Adobe Stock"
    assert parsed.nav_topics == ["General Dermatology", "Eczema", "Atopic Dermatitis"]
    assert [number for number, _ in parsed.references] == [1, 2, 3]
    body = parsed.body
    assert "ECZTRA 6 trial.[1] The drug" in body
    assert "through the extension,[1,2] with" in body
    assert "earlier trials agree[1,2,3]." in body
    assert "said the lead investigator.[3]" in body
    assert "All rights reserved" not in body
    html = render_body(body)
    assert [html.count(f'href="#ref-{n}"') for n in (1, 2, 3)] == [3, 2, 2]  # 1-3 links 2 too


def test_without_navigation_credit_references_or_trailer():
    parsed = parse_article_text(make_article_text(nav=(), credit="", references=(), trailer=False))

    assert parsed.headline == "Tralokinumab Eases Atopic Dermatitis in Adolescents"
    assert parsed.nav_topics == []
    assert parsed.credit == ""
    assert parsed.references == []
    assert len(parsed.body_paragraphs) == 3
    assert "[" not in parsed.body  # no references, so no citations


def test_crlf_bom_and_wrapped_lines():
    text = (
        "\ufeff  \u2022 Acne\r\n\r\nHeadline Here\r\n\r\nThe deck,\r\nwrapped.\r\n\r\n"
        "Photo: A/B\r\nBody one\r\ncontinues1.\r\n\r\nPhoto: A/B\r\n\r\nBody two.\r\n\r\n"
        "References\r\n  1. Doe J. A title. J Dermatol.\r\n     2020;1(2):3-4.\r\n"
    )

    parsed = parse_article_text(text)

    assert parsed.headline == "Headline Here"
    assert parsed.deck == "The deck, wrapped."
    assert parsed.credit == "A/B"
    assert parsed.body_paragraphs == ["Body one continues1.", "Body two."]
    assert parsed.references == [(1, "Doe J. A title. J Dermatol. 2020;1(2):3-4.")]
    assert parsed.body == "Body one continues[1].\n\nBody two."


def test_a_numbered_list_in_the_body_is_not_the_reference_list():
    text = "Headline\n\nDeck.\n\nSteps:\n\n1. Wash.\n2. Dry1.\n\nMore text.\n\n1. Ref one.\n"

    parsed = parse_article_text(text)

    assert parsed.references == [(1, "Ref one.")]
    assert parsed.body_paragraphs == ["Steps:", "1. Wash. 2. Dry1.", "More text."]
    assert parsed.body.splitlines()[2] == r"1\. Wash. 2. Dry[1]."


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("  \n\n\t\n", "empty"),
        ("\ufeff\r\n", "empty"),
        ("  \u2022 Acne\n  \u2022 Rosacea\n", "no headline"),
        ("  \u2022 Acne\n\n  1. Doe J. A title.\n", "no headline"),
        ("Headline only\n", "no body text"),
        ("Headline\n\nThe deck, but nothing after it.\n\n  1. Doe J. A title.\n", "no body"),
        ("Headline\n\nDeck.\n\nBody.\n\n1. One.\n1. One again.\n", "more than once"),
        ("Headline\n\nDeck.\n\nBody\x00 text.\n", "NUL characters"),
    ],
)
def test_format_errors(text, reason):
    with pytest.raises(ImportFormatError, match=reason):
        parse_article_text(text)


class FakeTopic:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


TOPICS = [
    FakeTopic(name)
    for name in ["Psoriasis", "Psoriatic Arthritis", "Arthritis", "Acne", "Vitiligo", "COVID-19"]
]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Researchers Optimistic About Ruxolitinib Cream as Vitiligo Treatment", ["Vitiligo"]),
        ("Psoriatic arthritis and psoriasis: shared care", ["Psoriatic Arthritis", "Psoriasis"]),
        ("Acne after COVID-19 vaccination", ["Acne", "COVID-19"]),
        ("VITILIGO and acne", ["Vitiligo", "Acne"]),
        ("Acnes and vitiliginous lesions", []),  # whole words only
        ("Arthritis in psoriatic arthritis", ["Arthritis", "Psoriatic Arthritis"]),
    ],
)
def test_find_topics_in_headline(headline, expected):
    assert [topic.name for topic in find_topics_in(headline, TOPICS)] == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Results", True),
        ("Efficacy at year 3", True),
        ("Distant metastasis\u2013free survival", True),
        ("Results (week 52)", True),
        ("The trial met its end point.", False),  # a sentence
        ("Key findings:", False),
        ("Is it safe?", False),
        ("\u201cA game changer\u201d", False),  # a quotation
        ("results were mixed", False),  # starts in lowercase: a wrapped fragment
        ("By Jane Doe, MD", False),  # a byline
        ("2024", False),  # no word
        ("The trial met its end point.2", False),  # a sentence with its marker
        ("Results were mixed,\u201d he said.1,2", False),
        ("Uptake rose to 37%.3", False),
        ("Phase 3 Results", True),
        ("OLYMPIA 2", True),
        ("A line of text that is far too long to be a subheading in any news article", False),
    ],
)
def test_is_subheading(line, expected):
    assert is_subheading(line) is expected


STRUCTURED = """Headline

The deck.

Background

A paragraph
wrapped over two lines.1

\u2022 first item
\u2022 second item, wrapped
  onto a second line2

\u2022 third item, after a blank line

- a hyphen item
Arm\tN\tResponse | rate
Drug\t151

Placebo\t75\t11.0%

One more.

Closing line without a stop

  1. Ref one.
  2. Ref two.
"""


def test_blocks_of_the_body():
    parsed = parse_article_text(STRUCTURED)

    assert [block.kind for block in parsed.body_blocks] == [
        "heading", "paragraph", "list", "table", "paragraph", "paragraph",
    ]  # fmt: skip
    assert parsed.body.split("\n\n") == [
        "## Background",
        "A paragraph wrapped over two lines.[1]",
        "- first item\n- second item, wrapped onto a second line[2]\n- third item, after a "
        "blank line\n- a hyphen item",  # one list, though split by a blank line
        "| Arm | N | Response \\| rate |\n| --- | --- | --- |\n| Drug | 151 |  |\n"
        "| Placebo | 75 | 11.0% |",  # one table; a short row gets empty cells
        "One more.",  # paragraphs of the same length stay apart
        "Closing line without a stop",  # the last block is no subheading: nothing follows
    ]
    html = render_body(parsed.body)
    assert "<th>Response | rate</th>" in html
    assert html.count("<li>") == 4


def test_paragraphs_of_the_same_length_stay_apart():
    parsed = parse_article_text("Headline\n\nDeck.\n\nBody one.\n\nBody two.\n")

    assert parsed.body_paragraphs == ["Body one.", "Body two."]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: August 13, 2024", date(2024, 8, 13)),
        ("Published on Aug. 13, 2024", date(2024, 8, 13)),
        ("Posted Sept 3, 2023", date(2023, 9, 3)),
        ("13 August 2024", date(2024, 8, 13)),
        ("March 3, 2023", date(2023, 3, 3)),
        ("2024-02-23", date(2024, 2, 23)),
        ("Updated on Jan 2, 2025", None),  # an update line is left out, not the original's date
        ("2024-02-30", None),  # no such day: stays text
        ("Foo 3, 2020", None),
    ],
)
def test_dateline(line, expected):
    parsed = parse_article_text(f"Headline\n\nDeck.\n\n{line}\n\nBody one.\n\nBody two.\n")

    assert parsed.published_on == expected
    kept = [] if expected or line.startswith("Updated") else [line]
    assert parsed.body_paragraphs == [*kept, "Body one.", "Body two."]


def test_a_bare_date_inside_a_paragraph_is_text():
    parsed = parse_article_text(
        "Headline\n\nDeck.\n\nIt was approved on\nMarch 3, 2023\nafter review.\n"
    )

    assert parsed.published_on is None
    assert parsed.body_paragraphs == ["It was approved on March 3, 2023 after review."]


class Parsed:
    def __init__(self, headline, deck="", body=()):
        self.headline, self.deck, self.body_paragraphs = headline, deck, list(body)


SLUGGED = [FakeTopic(name) for name in ["Skin Cancer", "Actinic Keratosis", "Eczema"]]
for topic in SLUGGED:
    topic.slug = topic.name.lower().replace(" ", "-")


@pytest.mark.parametrize(
    ("parsed", "expected"),
    [
        # The headline outweighs the body: 5 against 4.
        (Parsed("Vitiligo news", body=["Acne. Acne. Acne. Acne."]), ["Vitiligo", "Acne"]),
        # A body-only name is enough for an import.
        (Parsed("A new cream", body=["It treats psoriasis."]), ["Psoriasis"]),
        # Psoriatic arthritis does not count for Arthritis or Psoriasis inside it.
        (Parsed("News", body=["Psoriatic arthritis and psoriatic arthritis."]),
         ["Psoriatic Arthritis"]),
        # A further topic needs 3 points and a third of the first's.
        (Parsed("Acne", "Acne in teens.", ["Vitiligo twice: vitiligo."]), ["Acne"]),
        (Parsed("Acne", "Acne and vitiligo.", ["Vitiligo, vitiligo."]), ["Acne", "Vitiligo"]),
        (Parsed("Nothing here", body=["Nor here."]), []),
    ],
)  # fmt: skip
def test_find_topics_weights_the_whole_text(parsed, expected):
    assert [topic.name for topic in find_topics(parsed, TOPICS)] == expected


def test_find_topics_takes_plurals_and_the_taxonomys_synonyms():
    parsed = Parsed("Adjuvant therapy in melanoma", body=["Actinic keratoses and eczemas."])

    assert [topic.name for topic in find_topics(parsed, SLUGGED)] == ["Skin Cancer"]
    scores, _ = topic_scores(parsed, SLUGGED)
    assert {topic.name: score for topic, score in scores.items()} == {
        "Skin Cancer": 5,
        "Actinic Keratosis": 1,
        "Eczema": 1,
    }


def test_a_marker_naming_no_reference_is_left_as_text_with_a_warning():
    warnings = []

    markdown = paragraph_to_markdown("Two trials9 agree. A 2:1 ratio, Phase 3.", {1, 2}, warnings)

    assert markdown == "Two trials9 agree. A 2:1 ratio, Phase 3."
    assert warnings == [
        "\u201ctrials9\u201d was left as text: it stands where a citation marker stands, but "
        "the reference list has no 9: \u201cTwo trials9 agree.\u201d; check the reference "
        "list and the original."
    ]


def test_the_seed_has_no_marker_warning():
    assert parse_article_text(SEED_TEXT).warnings == []


@pytest.mark.parametrize(
    ("name", "decided"),
    [
        ("nemolizumab-prurigo.txt", ["2.1"]),  # "OLYMPIA 2.1 In"
        ("bimekizumab-psoriasis.txt", ["3.1"]),  # "at year 3.1" at a paragraph's end
        ("pembrolizumab-melanoma.txt", []),
    ],
)
def test_the_test_articles_warn_where_a_rule_decided_and_nowhere_else(name, decided):
    parsed = parse_article_text((Path(__file__).parent / "articles" / name).read_text("utf-8"))

    assert len(parsed.warnings) == len(decided)
    for warning, number in zip(parsed.warnings, decided, strict=True):
        assert f"\u201c{number}\u201d could be a decimal" in warning


def test_one_line_titles_in_a_row_stay_paragraphs():
    text = "Headline\n\nDeck.\n\nJane Doe, MD\n\nJohn Roe, PhD\n\nBody text.\n\nResults\n\nMore.\n"

    parsed = parse_article_text(text)

    assert [block.kind for block in parsed.body_blocks] == [
        "paragraph", "paragraph", "paragraph", "heading", "paragraph",
    ]  # fmt: skip
