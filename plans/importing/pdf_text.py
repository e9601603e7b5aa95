"""From words placed on a PDF page to paragraphs of text, as the document's author typed them.

A PDF keeps no paragraphs, only lines of glyphs at positions. A line ends either because the
paragraph ended or because the next word did not fit; which of the two is decided the way the
layout engine decided it: had the next line's first word fitted at the end of this one, the
line was ended on purpose (a new paragraph, or a new paragraph inside a table cell); a line
that grows by more than the usual line spacing, a bullet or a change of type size starts one
too. A word too long for a narrow cell is cut wherever the cell ends ("Objecti" / "ve"), and
a word broken at its own hyphen or slash ("2012-" / "13", "HFRS/" / "Druglink") is joined
without a space.
"""

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .docx_reader import marked_runs

# A bullet as PDF writers draw it (Word's Symbol bullet comes out as U+F0B7).
_BULLETS = {
    "\u2022",
    "\u25cf",
    "\u25aa",
    "\u25a0",
    "\u25e6",
    "\u25cb",
    "\uf0b7",
    "\uf0a7",
    "\u2023",
}
_NUMBER = re.compile(r"^\(?(\d{1,2}|[a-z])[.)]$")
_BREAKS_AFTER = ("-", "/", "\u2010")
_SOFT_HYPHEN = "\u00ad"
_SPACES = re.compile(" {2,}")
_TOKEN = re.compile(r"[^\W\d_]+")
# Slack in the fit tests, in points and parts of the type size: positions in a PDF are
# rounded and widths estimated, so a word "fits" only with room to spare (the test leans
# towards a wrap), and a line "reaches the edge" when close to it.
_SLACK = 0.6
_ROOM = 0.15


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    italic: bool = False
    lead: float = 0.0  # the width of its first letter, where known


@dataclass(eq=False)  # compared and hashed by identity
class TextLine:
    """Words at one height, left to right, with the page they are on."""

    words: list[Word]
    page: int
    # The separator before each word but the first: "" (same word), " " or "\t" (a gap).
    gaps: list[str] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def size(self) -> float:
        return max(word.size for word in self.words)

    @property
    def text(self) -> str:
        return self.words[0].text + "".join(
            gap + word.text for gap, word in zip(self.gaps, self.words[1:], strict=True)
        )


@dataclass(frozen=True)
class Spacing:
    """How a document sets its lines, relative to the type size."""

    lead: float = 1.2  # from one line's top to the next, within a paragraph
    space: float = 0.25  # the width of a space
    # How often each word occurs in the document, to tell a cut word from two words.
    vocabulary: Counter = field(default_factory=Counter)


def lines_of(words: list[Word], page: int, tabs: bool = True) -> list[TextLine]:
    """Words grouped into lines, top to bottom; a wide gap on a line becomes a tab."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        middle = (word.top + word.bottom) / 2
        if lines and lines[-1][0].top <= middle <= lines[-1][0].bottom:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [_line(sorted(group, key=lambda w: w.x0), page, tabs) for group in lines]


def _line(words: list[Word], page: int, tabs: bool) -> TextLine:
    gaps = []
    for before, word in zip(words, words[1:], strict=False):
        gap = word.x0 - before.x1
        size = max(before.size, word.size)
        if gap <= 0.1 * size:
            gaps.append("")  # one word in two fonts, or a glyph placed by itself
        elif tabs and gap > 2.5 * size:
            gaps.append("\t")
        else:
            gaps.append(" ")
    return TextLine(words, page, gaps)


def words_of(groups: list[tuple[list[TextLine], float]]) -> Counter:
    """How often each word (lower case, letters only) occurs in these groups of lines.

    Each group comes with where its text area ends. The two sides of a possible cut (a
    lone word reaching the edge, and the word after it) are not counted as words: a fragment
    such as "Scottis" / "h", cut alike in every cell, must not count as one. How many
    different words follow each such lone word is counted under ("after", word): a fragment
    is followed by the rest of its word, a word by many.
    """
    counts: Counter = Counter()
    followers: dict[str, set[str]] = {}
    for lines, right in groups:
        doubtful: set[int] = set()
        for before, line in zip(lines, lines[1:], strict=False):
            if _fills_line(before, line.words[0], right):
                doubtful |= {id(before.words[-1]), id(line.words[0])}
                head, tail = _pair(before, line)
                followers.setdefault(head, set()).add(tail)
        counts.update(
            token
            for line in lines
            for word in line.words
            if id(word) not in doubtful
            for token in _TOKEN.findall(word.text.lower())
        )
    counts.update({("after", head): len(tails) for head, tails in followers.items()})
    return counts


def _pair(before: TextLine, line: TextLine) -> tuple[str, str]:
    head = _TOKEN.findall(before.words[-1].text.lower())
    tail = _TOKEN.findall(line.words[0].text.lower())
    return (head[-1] if head else "", tail[0] if tail else "")


def measure(groups: list[list[TextLine]], vocabulary: Counter | None = None) -> Spacing:
    """The usual line spacing and space width of these groups of lines (paragraphs, cells)."""
    leads = [
        (line.top - before.top) / before.size
        for lines in groups
        for before, line in zip(lines, lines[1:], strict=False)
        if line.page == before.page and before.size and (line.top - before.top) / before.size > 0.9
    ]
    # Wrapped lines give the spacing within a paragraph; wider steps are paragraph breaks.
    close = [lead for lead in leads if lead <= 1.6]
    spaces = [
        (word.x0 - before.x1) / word.size
        for lines in groups
        for line in lines
        for gap, before, word in zip(line.gaps, line.words, line.words[1:], strict=False)
        if gap == " " and word.size
    ]
    return Spacing(
        lead=statistics.median(close) if close else 1.2,
        space=min(max(_quantile(spaces, 0.2), 0.2), 0.35) if spaces else 0.25,
        vocabulary=vocabulary or Counter(),
    )


def _quantile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[int(fraction * (len(ordered) - 1))]


def paragraphs(lines: list[TextLine], right: float, spacing: Spacing, marks: bool = False):
    """The paragraphs these lines make, each as one string.

    `right` is where the text area ends; `marks` marks bold and italic runs as ** and *
    where a paragraph mixes them, as the Word reader does.
    """
    result: list[list[tuple[str, bool, bool]]] = []
    previous = None
    for line in lines:
        joint = None if previous is None else _joint(previous, line, right, spacing)
        runs = _runs(line, joint or "")
        if joint is None:
            result.append(runs)
        else:
            result[-1].extend(runs)
        previous = line
    return [_text(runs, marks) for runs in result]


def _runs(line: TextLine, joint: str) -> list[tuple[str, bool, bool]]:
    words = line.words
    first = words[0].text
    if first in _BULLETS and len(words) > 1:
        runs = [("- ", words[1].bold, words[1].italic)]
        words, gaps = words[1:], line.gaps[1:]
        return runs + _word_runs(words, ["", *gaps])
    return _word_runs(words, [joint, *line.gaps])


def _word_runs(words: list[Word], gaps: list[str]) -> list[tuple[str, bool, bool]]:
    return [
        (gap + word.text, word.bold, word.italic) for gap, word in zip(gaps, words, strict=True)
    ]


def _text(runs: list[tuple[str, bool, bool]], marks: bool) -> str:
    text = marked_runs(runs) if marks else "".join(text for text, _, _ in runs)
    return _SPACES.sub(" ", text.replace(_SOFT_HYPHEN, "")).strip(" ")


def continues(before: TextLine, line: TextLine, right: float, spacing: Spacing) -> bool:
    """Whether `line` goes on with the paragraph of the line before."""
    return _joint(before, line, right, spacing) is not None


def _joint(before: TextLine, line: TextLine, right: float, spacing: Spacing) -> str | None:
    """What joins `line` to the line before in one paragraph: "" or " "; None if it starts one."""
    if _starts_paragraph(before, line, spacing):
        return None
    last, first = before.words[-1], line.words[0]
    size = max(last.size, first.size)
    space = spacing.space * size
    edge = right - _ROOM * size
    if last.text.endswith(_SOFT_HYPHEN):
        return ""
    if _fills_line(before, first, right) and _reads_as_cut(before, line, spacing.vocabulary):
        return ""  # a word too long for its cell, cut where the cell ends
    fits_spaced = before.x1 + space + _unit_width(line) <= edge
    if fits_spaced:
        return None
    if len(last.text) > 1 and last.text.endswith(_BREAKS_AFTER):
        # Broken at its own hyphen or slash; had the rest fitted unspaced, a space was there.
        fits_unspaced = before.x1 + _unit_width(line) <= edge
        return " " if fits_unspaced else ""
    return " "


def _starts_paragraph(before: TextLine, line: TextLine, spacing: Spacing) -> bool:
    if "\t" in before.gaps or "\t" in line.gaps:
        return True
    first = line.words[0].text
    if len(line.words) > 1 and (first in _BULLETS or first == "-" or _NUMBER.match(first)):
        return True
    if abs(line.size - before.size) > 0.15 * before.size:
        return True
    if line.page != before.page:
        return False  # across a page only the fit test can tell
    return line.top - before.top > (spacing.lead + 0.35) * before.size


def _fills_line(before: TextLine, first: Word, right: float) -> bool:
    # A cut word is alone on its line and ends within a letter of the edge.
    if " " in before.gaps or "\t" in before.gaps:
        return False
    letter = first.lead or (first.x1 - first.x0) / max(len(first.text), 1)
    if before.x1 + letter <= right:
        return False
    head = first.text[:1]
    tail = before.words[-1].text[-1:]
    return not head.isupper() or tail.isupper()


def _reads_as_cut(before: TextLine, line: TextLine, vocabulary: Counter) -> bool:
    """Whether a full line's word and the next line's first word are one word, cut.

    The geometry alone cannot tell "prevention/home" + "security" from "alcohol/substanc" +
    "e"; the words the document uses elsewhere can. A word with a slash or hyphen inside
    could have been broken there, so it counts as cut only if the joined word is known or
    the compound goes on past the cut ("pastoral/counsell" + "ing/reassurance").
    """
    last, first = before.words[-1].text, line.words[0].text
    if last[-1:].isalpha() and first[:1].isdigit() or last[-1:].isdigit() and first[:1].isalpha():
        return False  # "March" + "08": a word and a number
    head, tail = _pair(before, line)
    if not head or not tail or vocabulary[head + tail]:
        return True
    if any(mark in last[:-1] for mark in _BREAKS_AFTER):
        return any(mark in first[:-1] for mark in _BREAKS_AFTER)
    # Two words the document also uses elsewhere: a wrap.
    head_is_word = vocabulary[head] or vocabulary[("after", head)] > 1
    return not (head_is_word and vocabulary[tail])


def _unit_width(line: TextLine) -> float:
    """The width of the line's first word (a word in two fonts counts once).

    Layout engines differ on breaking after a slash ("Police/DBC" stays whole in one, splits
    in another); the whole word is the cautious measure, as it leans towards a wrap.
    """
    unit = [line.words[0]]
    for gap, word in zip(line.gaps, line.words[1:], strict=False):
        if gap:
            break
        unit.append(word)
    return unit[-1].x1 - unit[0].x0
