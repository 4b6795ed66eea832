"""Snippets: matches marked, everything else escaped."""

from search.highlight import START, STOP, mark_words, plain, to_html


def test_only_the_marks_are_markup():
    marked = f"<script>x</script> & {START}Ruxolitinib{STOP} <b>{START}cream{STOP}</b>"
    assert to_html(marked) == (
        "&lt;script&gt;x&lt;/script&gt; &amp; <mark>Ruxolitinib</mark> "
        "&lt;b&gt;<mark>cream</mark>&lt;/b&gt;"
    )


def test_stray_markers_in_the_text_are_dropped():
    assert to_html(f"a{STOP} {START}b{STOP} c{START}") == "a <mark>b</mark> c"


def test_mark_words_ignores_case_and_marks_longer_words_first():
    assert mark_words("Opzelura (ruxolitinib) cream", ["RUXOLITINIB", "cream", "rux"]) == (
        f"Opzelura ({START}ruxolitinib{STOP}) {START}cream{STOP}"
    )


def test_plain_drops_markdown_and_citation_numbers():
    text = (
        "## Results\n\nThe **cream** worked [1,2] as [the agency](https://ema.europa.eu) said [3]."
    )
    assert plain(text) == "Results The cream worked as the agency said."
