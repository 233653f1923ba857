"""Paragraphs of a plain-text document, and the line breaks inside them that are hard.

Lines end at ``\\n``, ``\\r\\n`` or ``\\r``. A *blank line* is a line that is empty or holds only
whitespace.

* If the text has a blank line between two non-blank lines, paragraphs are the blocks that
  blank lines separate. A single line break inside a block is a soft wrap, not a boundary
  (the sentence that runs over it keeps the line break in its text and span), unless the
  line break is *hard*:

  - the next line starts a list item (``-``, ``*``, ``•``, ``1.``, ``2)``, ``a)``, ``۱.``), or
  - the line is a headline, dateline or byline: it does not end in punctuation, the next
    line does not start with a lowercase letter, and the line ends well before the block's
    width (the next line's first word would have fitted on it, so the writer broke the line
    on purpose; a wrapped line is full).

  A hard line break ends the paragraph: the headline, each list item, and the text after
  them are paragraphs of their own.
* Otherwise (no blank line between text lines) every non-blank line is a paragraph, so
  one-paragraph-per-line files such as ``seeds/*.txt`` work, headline included.

Blank lines before the first or after the last text line do not count. A paragraph's span
excludes surrounding whitespace (a byte-order mark counts as whitespace). Paragraphs are
produced one at a time (`iter_paragraphs`): memory does not grow with the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.segment.spans import strip_span

__all__ = ["iter_paragraphs", "split_paragraphs"]

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_LIST_ITEM = re.compile(
    r"[^\S\r\n]*(?:[-*•‣▪●◦]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[۰-۹٠-٩]{1,3}[.)\-–])\s"
)
# A line that ends in one of these runs on (a wrap after a comma, a hyphen, a colon...).
_RUNS_ON = ".!?؟۔…,;:،؛-–—"
_CLOSERS = "”’»›\"')]}"


def _lines(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, has_text) of every line of `text`, without its line break."""
    for m in _LINE.finditer(text):
        if m.start() == len(text) and m.end() == m.start():
            return  # the empty match after a final line break
        body_end = m.start() + len(m.group().rstrip("\r\n"))
        a, b = strip_span(text, m.start(), body_end)
        yield m.start(), body_end, a < b


def _has_blank_line_between_text(text: str) -> bool:
    seen_text = blank_after_text = False
    for _, _, has_text in _lines(text):
        if has_text:
            if blank_after_text:
                return True
            seen_text = True
        elif seen_text:
            blank_after_text = True
    return False


def iter_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the paragraphs of `text`, in order, stripped (see the module docstring)."""
    if not _has_blank_line_between_text(text):
        for start, end, has_text in _lines(text):
            if has_text:
                yield strip_span(text, start, end)
        return
    block: list[tuple[int, int]] = []
    for start, end, has_text in _lines(text):
        if has_text:
            block.append((start, end))
        elif block:
            yield from _split_block(text, block)
            block = []
    if block:
        yield from _split_block(text, block)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of `text`, stripped of surrounding whitespace."""
    return list(iter_paragraphs(text))


def _split_block(text: str, lines: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """A block's paragraphs: the block cut at its hard line breaks."""
    width = max(len(text[s:e].rstrip()) for s, e in lines)
    first = 0
    for i in range(len(lines) - 1):
        if _hard_break(text, lines[i], lines[i + 1], width):
            yield strip_span(text, lines[first][0], lines[i][1])
            first = i + 1
    yield strip_span(text, lines[first][0], lines[-1][1])


def _hard_break(text: str, line: tuple[int, int], after: tuple[int, int], width: int) -> bool:
    if _LIST_ITEM.match(text, after[0], after[1]):
        return True
    body = text[line[0] : line[1]].rstrip()
    ending = body.rstrip(_CLOSERS)
    if not ending or ending[-1] in _RUNS_ON:
        return False
    next_words = text[after[0] : after[1]].split()
    if not next_words or next_words[0][0].islower():
        return False
    return len(body) + 1 + len(next_words[0]) <= width
