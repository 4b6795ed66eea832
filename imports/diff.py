"""A readable comparison of two texts for an editor: the lines removed and added,
and within a changed line the words that differ. Pure functions; the review of a
re-import (imports/admin.py) shows one per field.
"""

import difflib
import re
from dataclasses import dataclass, field

CONTEXT = 2  # unchanged lines shown around a change; the others are folded away
WORD_RE = re.compile(r"\s+|\w+|[^\w\s]")
# Below this likeness two lines are a different line, not the same line edited:
# marking nearly every word would only add noise.
SIMILAR = 0.4


@dataclass(frozen=True)
class Line:
    """One line of a diff: "same", "removed" or "added", as (text, changed) parts."""

    kind: str
    parts: tuple

    @property
    def text(self):
        return "".join(text for text, _ in self.parts)


@dataclass(frozen=True)
class Folded:
    """Unchanged lines left out of view (shown on request)."""

    lines: tuple
    kind: str = "folded"


@dataclass
class FieldDiff:
    key: str
    label: str
    rows: list = field(default_factory=list)

    @property
    def removed(self):
        return sum(1 for row in self.rows if row.kind == "removed")

    @property
    def added(self):
        return sum(1 for row in self.rows if row.kind == "added")

    @property
    def changed(self):
        return bool(self.removed or self.added)


def lines_of(text):
    """The text's lines that hold something (blank lines only separate paragraphs)."""
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def compare(key, label, old, new, *, context=CONTEXT):
    """The FieldDiff of two texts (or two lists of lines)."""
    old_lines = lines_of(old) if isinstance(old, str) else list(old)
    new_lines = lines_of(new) if isinstance(new, str) else list(new)
    rows = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [Line("same", ((line, False),)) for line in old_lines[i1:i2]]
            continue
        removed, added = old_lines[i1:i2], new_lines[j1:j2]
        pairs = [word_diff(a, b) for a, b in zip(removed, added, strict=False)]
        rows += [
            Line("removed", pairs[n][0] if n < len(pairs) else ((line, False),))
            for n, line in enumerate(removed)
        ]
        rows += [
            Line("added", pairs[n][1] if n < len(pairs) else ((line, False),))
            for n, line in enumerate(added)
        ]
    return FieldDiff(key=key, label=label, rows=fold(rows, context))


def word_diff(old, new):
    """(old parts, new parts): each line as (text, changed) runs, the words that
    differ marked, or neither marked when the lines have little in common."""
    a, b = WORD_RE.findall(old), WORD_RE.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < SIMILAR:
        return ((old, False),), ((new, False),)
    old_parts, new_parts = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = tag != "equal"
        _append(old_parts, "".join(a[i1:i2]), changed)
        _append(new_parts, "".join(b[j1:j2]), changed)
    return tuple(old_parts), tuple(new_parts)


def _append(parts, text, changed):
    if not text:
        return
    if changed and not text.strip():
        changed = False  # a changed space is no change a reader can see
    if parts and parts[-1][1] == changed:
        parts[-1] = (parts[-1][0] + text, changed)
    else:
        parts.append((text, changed))


def fold(rows, context=CONTEXT):
    """Runs of unchanged lines further than ``context`` lines from a change, folded."""
    folded, run = [], []

    def flush(at_start, at_end):
        keep_before = 0 if at_start else context
        keep_after = 0 if at_end else context
        if len(run) <= keep_before + keep_after + 1:
            folded.extend(run)
        else:
            folded.extend(run[:keep_before])
            hidden = run[keep_before : len(run) - keep_after]
            folded.append(Folded(tuple(hidden)))
            folded.extend(run[len(run) - keep_after :])
        run.clear()

    for row in rows:
        if row.kind == "same":
            run.append(row)
            continue
        if run:
            flush(at_start=not folded, at_end=False)
        folded.append(row)
    if run:
        flush(at_start=not folded, at_end=True)
    return folded
