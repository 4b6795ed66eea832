"""imports.diff: what the review of a re-import shows of each field."""

from imports.diff import Folded, compare, word_diff


def kinds(diff):
    return [(row.kind, row.text if row.kind != "folded" else len(row.lines)) for row in diff.rows]


def test_lines_removed_and_added_in_place_and_blank_lines_ignored():
    diff = compare(
        "body", "Body", "One.\n\nTwo.\n\nThree.", "One.\n\nTwo, edited.\n\nThree.\n\nFour."
    )

    assert kinds(diff) == [
        ("same", "One."),
        ("removed", "Two."),
        ("added", "Two, edited."),
        ("same", "Three."),
        ("added", "Four."),
    ]
    assert (diff.removed, diff.added, diff.changed) == (1, 2, True)


def test_the_words_that_differ_in_an_edited_line_are_marked():
    old, new = word_diff("Responses held at week 16 in 54%.", "Responses held at week 24 in 54%.")

    assert old == (("Responses held at week ", False), ("16", True), (" in 54%.", False))
    assert new == (("Responses held at week ", False), ("24", True), (" in 54%.", False))


def test_a_line_replaced_by_another_is_not_marked_word_by_word():
    old, new = word_diff("Safety", "In Effisayil 2, spesolimab lowered the risk of a flare.")

    assert old == (("Safety", False),)
    assert new == (("In Effisayil 2, spesolimab lowered the risk of a flare.", False),)


def test_unchanged_lines_far_from_a_change_are_folded():
    old = "\n".join(f"Line {n}." for n in range(1, 21))
    new = old.replace("Line 10.", "Line ten.")

    rows = compare("body", "Body", old, new).rows

    assert isinstance(rows[0], Folded) and len(rows[0].lines) == 7  # 1-7
    assert [row.text for row in rows[1:3]] == ["Line 8.", "Line 9."]
    assert [row.kind for row in rows[3:5]] == ["removed", "added"]
    assert [row.text for row in rows[5:7]] == ["Line 11.", "Line 12."]
    assert isinstance(rows[7], Folded) and len(rows[7].lines) == 8  # 13-20
    # Every line is still there, folded or not.
    shown = [line.text for row in rows for line in (row.lines if row.kind == "folded" else [row])]
    assert len(shown) == 21


def test_no_change_folds_everything_but_a_single_line():
    assert not compare("deck", "Deck", "A deck.", "A deck.").changed
    assert kinds(compare("deck", "Deck", "A deck.", "A deck.")) == [("same", "A deck.")]
    assert kinds(compare("body", "Body", "One.\n\nTwo.", "One.\n\nTwo.")) == [("folded", 2)]


def test_lists_of_lines_are_compared_as_they_are():
    diff = compare("topics", "Topics", ["Psoriasis", "Rare Disease"], ["Psoriasis"])

    assert kinds(diff) == [("same", "Psoriasis"), ("removed", "Rare Disease")]
