"""Split a document into paragraphs and sentences (English, Urdu, Persian/Dari, Pashto).

Every span indexes the *original* string: nothing is normalised, so ``original[s.start:s.end]
== s.text`` for every segment, and `rebuild` can put the document back together exactly, or
with each sentence replaced by its translation while all whitespace and paragraph structure
between sentences stays as it was.

Paragraphs
----------
Lines end at ``\\n``, ``\\r\\n`` or ``\\r``. A *blank line* is a line that is empty or holds only
whitespace.

* If the text has a blank line between two non-blank lines, paragraphs are the blocks that
  blank lines separate. A single line break inside a block is a soft wrap, not a boundary:
  the sentence that runs over it keeps the line break in its text (and span).
* Otherwise (no blank line between text lines) every non-blank line is a paragraph, so
  one-paragraph-per-line files such as ``seeds/*.txt`` work, headline included.

Blank lines before the first or after the last text line do not count. A paragraph's span and
every sentence's span exclude surrounding whitespace (a byte-order mark counts as whitespace).
A paragraph end is always a sentence end, so a headline without a full stop is its own segment.

Sentences
---------
pysbd (its English, Urdu and Persian rules; Pashto uses the Persian ones) proposes the sentence
boundaries inside each paragraph; this module maps them back onto the original text and then
corrects what pysbd 0.3.4 gets wrong or leaves out:

* a closing quote or bracket that pysbd left at the start of the next sentence
  (Urdu ``…گے۔” پھر``) belongs to the sentence it closes;
* a boundary must be followed by whitespace: no split inside ``1.2``, ``۱.۲`` or ``so.Then``;
* a piece without any letter or digit is not a sentence of its own: it joins the sentence
  after it, or at the end of a paragraph the sentence before it;
* English: an ellipsis character ``…`` before a capitalised word ends a sentence, as pysbd
  already does for ``...``;
* Arabic script (ur, fa, fa-AF, ps): ``۔ ؟ ! ? .`` end a sentence (pysbd's Urdu rules ignore
  ``.``; its Persian rules ignore ``۔``, which Pashto and Dari writers use); ``:`` ``،`` ``؛``
  never do (pysbd's Persian rules split at ``:``); an ellipsis never does (there is no capital
  letter to tell a new sentence); a quotation that ends with sentence punctuation
  (``«…کنیم.»``) ends the sentence when it is one, that is when it opens the sentence or follows
  a colon, and not when it is embedded (``گفت «نه!» و رفت.``).

pysbd is used through one cached `pysbd.Segmenter` per rule set. Its spans are not used (its
`char_span` search can drop or misplace repeated sentences); offsets are recomputed here.
Paragraphs longer than `_WINDOW` characters go through pysbd a window at a time, because its
abbreviation pass takes time quadratic in the length of the text it is given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pysbd

from workbench.errors import InputError
from workbench.exchange.inline import has_tags, spans_around_tags
from workbench.languages import get_language

__all__ = [
    "Segment",
    "group_by_paragraph",
    "rebuild",
    "require_text",
    "segment_document",
    "segment_text",
    "sentence_spans",
    "split_paragraphs",
]


@dataclass(frozen=True)
class Segment:
    index: int  # 0-based position in the document
    paragraph: int  # 0-based paragraph number
    text: str  # the sentence, stripped, exactly original[start:end]
    start: int  # character span in the original text
    end: int


# --- whitespace and lines ---------------------------------------------------------------------

_BOM = "\ufeff"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch == _BOM


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) to exclude surrounding whitespace (empty span -> start == end)."""
    while start < end and _is_space(text[start]):
        start += 1
    while end > start and _is_space(text[end - 1]):
        end -= 1
    return start, end


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of `text`, without their line breaks."""
    spans = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and m.end() == m.start():
            break  # the empty match after a final line break
        body = m.group().rstrip("\r\n")
        spans.append((m.start(), m.start() + len(body)))
    return spans


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of `text`, stripped of surrounding whitespace (see module doc)."""
    lines = [(s, e, s2 < e2) for (s, e) in _lines(text) for (s2, e2) in [_strip_span(text, s, e)]]
    nonblank = [i for i, (_, _, full) in enumerate(lines) if full]
    if not nonblank:
        return []
    first, last = nonblank[0], nonblank[-1]
    has_blank_between = any(not full for (_, _, full) in lines[first : last + 1])
    blocks: list[tuple[int, int]] = []
    if has_blank_between:
        block_start: int | None = None
        block_end = 0
        for s, e, full in lines:
            if full:
                if block_start is None:
                    block_start = s
                block_end = e
            elif block_start is not None:
                blocks.append((block_start, block_end))
                block_start = None
        if block_start is not None:
            blocks.append((block_start, block_end))
    else:
        blocks = [(s, e) for s, e, full in lines if full]
    return [_strip_span(text, s, e) for s, e in blocks]


# --- pysbd -------------------------------------------------------------------------------------


@cache
def _segmenter(pysbd_code: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=pysbd_code, clean=False, char_span=False)


# Line breaks and tabs become spaces (same length, so offsets are unchanged): pysbd treats a
# line break as a sentence end, and inside a paragraph a line break is only a soft wrap.
_TO_SPACE = str.maketrans({"\r": " ", "\n": " ", "\t": " ", "\v": " ", "\f": " ", _BOM: " "})


# pysbd's abbreviation pass re-scans the whole text for every abbreviation it finds, so its
# time grows with the square of the length: long paragraphs go through it in windows.
_WINDOW = 1500


def _pysbd_ends(par: str, pysbd_code: str) -> list[int]:
    """Offsets in `par` where pysbd ends a sentence (end of its last non-space character).

    A paragraph longer than `_WINDOW` characters is fed to pysbd a window at a time; every
    window but the last is cut at a space, its last sentence (which the cut may have ended
    early) is dropped, and the next window starts where the sentence before it ended.
    """
    n = len(par)
    ends: list[int] = []
    start = 0
    size = _WINDOW
    while True:
        stop = min(n, start + size)
        while stop < n and not _is_space(par[stop]):
            stop += 1
        found = [start + e for e in _pysbd_ends_window(par[start:stop], pysbd_code)]
        if stop >= n:
            return ends + found
        keep = [e for e in found[:-1] if e > start]
        if keep:
            ends.extend(keep)
            start, size = keep[-1], _WINDOW
        else:
            size *= 2  # one sentence longer than the window: widen it


def _pysbd_ends_window(text: str, pysbd_code: str) -> list[int]:
    """Sentence ends pysbd finds in `text`, as offsets into `text`.

    pysbd's own `char_span` looks each sentence up with `re.finditer` over the whole text and
    can drop or misplace repeated sentences, so spans are computed here instead: the input
    and pysbd's sentences are compared as streams of non-space characters (pysbd does not
    reorder text); where pysbd changed characters (its placeholders, e.g. `∯`, leak into the
    output when the input holds them) `_align` resynchronises the two streams.
    """
    sentences = _segmenter(pysbd_code).processor(text.translate(_TO_SPACE)).process()
    if not sentences:
        return []
    orig_pos = [i for i, ch in enumerate(text) if not _is_space(ch)]
    orig_stream = "".join(text[i] for i in orig_pos)
    counts: list[int] = []  # cumulative number of non-space characters at each sentence end
    pieces: list[str] = []
    total = 0
    for sent in sentences:
        piece = "".join(ch for ch in sent if not _is_space(ch))
        if piece:
            total += len(piece)
            pieces.append(piece)
            counts.append(total)
    sbd_stream = "".join(pieces)
    if sbd_stream != orig_stream:
        counts = _align(sbd_stream, orig_stream, counts)
    return sorted({orig_pos[c - 1] + 1 for c in counts if 0 < c <= len(orig_pos)})


_RESYNC_SKIP = 8  # most characters skipped on either side to find the streams again
_RESYNC_MATCH = 3  # characters that must agree after a skip


def _align(sbd: str, orig: str, counts: list[int]) -> list[int]:
    """Map counts of characters in the pysbd stream onto counts in the original stream.

    Walks both streams in step; where they differ it skips the fewest characters on either
    side after which they agree again. If they cannot be resynchronised, the remaining counts
    map to the end (no more boundaries from pysbd in this text). Linear in the text length.
    """
    mapping = [len(orig)] * (len(sbd) + 1)  # mapping[i]: original count after i pysbd chars
    mapping[0] = 0
    i = j = 0
    while i < len(sbd) and j < len(orig):
        if sbd[i] == orig[j]:
            i += 1
            j += 1
            mapping[i] = j
            continue
        step = _resync(sbd, orig, i, j)
        if step is None:
            break
        di, dj = step
        for k in range(1, di + 1):
            mapping[i + k] = j + dj
        i += di
        j += dj
    return [mapping[c] for c in counts]


def _resync(sbd: str, orig: str, i: int, j: int) -> tuple[int, int] | None:
    for total in range(1, 2 * _RESYNC_SKIP + 1):
        for di in range(max(0, total - _RESYNC_SKIP), min(total, _RESYNC_SKIP) + 1):
            dj = total - di
            a, b = sbd[i + di : i + di + _RESYNC_MATCH], orig[j + dj : j + dj + _RESYNC_MATCH]
            if a == b and (a or (i + di == len(sbd) and j + dj == len(orig))):
                return di, dj
    return None


# --- corrections -------------------------------------------------------------------------------

_CLOSERS = "”’»›\"')]}"
_OPENER_OF = {"”": "“", "’": "‘", "»": "«", "›": "‹", '"': '"', "'": "'"}
_ABSORB = re.compile(r"[”’»›\"')\]}]+(?=\s|\Z)")
_ARABIC_LETTER = (
    "\u0620-\u065f\u066e-\u06d3\u06d5\u06e5\u06e6\u06ee\u06ef\u06fa-\u06ff"
    "\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
)
# Sentence ends that pysbd's Urdu/Persian rules miss (each still goes through the checks).
_AR_FULL_STOP = re.compile(rf"(?<=[{_ARABIC_LETTER}])\.(?=\s)|۔(?=\s)")
_AR_QUOTE_END = re.compile(r"[.!?؟۔]+[”’»›\"']+(?=\s)")
# English: "…" before a capitalised word, as pysbd already does for "...".
_EN_ELLIPSIS = re.compile(r"…(?=\s+[“\"‘'(\[]?[A-Z])")
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.|\. \. \.)\Z")
_WORD_CHAR = re.compile(r"\w")


def _arabic_verdict(sentence: str) -> bool | None:
    """Whether an Arabic-script sentence may end where `sentence` ends (None: no objection)."""
    body = sentence.rstrip(_CLOSERS)
    if not body:
        return None
    last = body[-1]
    if last in ":،؛,;" or _ELLIPSIS_END.search(body):
        return False
    if body != sentence and last in ".!?؟۔":
        opener = _OPENER_OF.get(sentence[len(body)])
        if opener is None:
            return None  # a bracket, not a quotation
        pos = body.rfind(opener)
        if pos < 0:
            return None  # the quotation opened in an earlier sentence
        # A quoted sentence that opens the sentence or follows a colon ends it; a quotation
        # embedded in running text ("he said «no!» and left") does not.
        prefix = body[:pos].strip()
        return prefix == "" or prefix.endswith(":")
    return None


def sentence_spans(par: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the sentences of one paragraph (offsets into `par`), stripped, in order.

    `par` is treated as one paragraph: line breaks in it are soft wraps. Formatting
    placeholders (a Word or HTML source's bold, links, breaks) are looked through.
    """
    if has_tags(par):
        return spans_around_tags(par, lambda view: sentence_spans(view, lang))
    language = get_language(lang)
    start, stop = _strip_span(par, 0, len(par))
    if start == stop:
        return []
    arabic = language.pysbd_code != "en"
    candidates = set(_pysbd_ends(par, language.pysbd_code))
    if arabic:
        candidates.update(m.end() for m in _AR_FULL_STOP.finditer(par))
        candidates.update(m.end() for m in _AR_QUOTE_END.finditer(par))
    else:
        candidates.update(m.end() for m in _EN_ELLIPSIS.finditer(par))

    ends: list[int] = []
    prev = start
    for cand in sorted(candidates):
        # A closing quote or bracket belongs to the sentence it closes.
        m = _ABSORB.match(par, cand)
        end = m.end() if m else cand
        if end <= prev or end >= stop:
            continue
        if not _is_space(par[end]):
            continue  # no split inside "1.2", "۱.۲", "so.Then"
        if not _WORD_CHAR.search(par, prev, end):
            continue  # only punctuation so far: it goes with the text after it
        if arabic and _arabic_verdict(par[prev:end]) is False:
            continue
        ends.append(end)
        prev = end
        while prev < stop and _is_space(par[prev]):
            prev += 1
    ends.append(stop)

    spans: list[tuple[int, int]] = []
    begin = start
    for end in ends:
        a, b = _strip_span(par, begin, end)
        if spans and not _WORD_CHAR.search(par, a, b):
            spans[-1] = (spans[-1][0], b)  # trailing punctuation joins the sentence before
        elif a < b:
            spans.append((a, b))
        begin = end
    return spans


def segment_text(text: str, lang: str) -> list[Segment]:
    """Sentences of `text` with their paragraph numbers and spans; [] for a blank text."""
    get_language(lang)  # an unknown language is an error even for an empty text
    segments: list[Segment] = []
    for number, (p_start, p_end) in enumerate(split_paragraphs(text)):
        for a, b in sentence_spans(text[p_start:p_end], lang):
            start, end = p_start + a, p_start + b
            segments.append(Segment(len(segments), number, text[start:end], start, end))
    return segments


def require_text(text: str, *, path: str | None = None) -> None:
    """Raise `InputError` ("the document is empty") if `text` holds nothing but whitespace."""
    if not split_paragraphs(text):
        raise InputError("the document is empty", path=path)


def segment_document(text: str, lang: str, *, path: str | None = None) -> list[Segment]:
    """`segment_text`, but an empty or whitespace-only document raises `InputError`."""
    require_text(text, path=path)
    return segment_text(text, lang)


def group_by_paragraph(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Segments grouped by paragraph number, in document order."""
    groups: list[list[Segment]] = []
    for seg in segments:
        if groups and groups[-1][0].paragraph == seg.paragraph:
            groups[-1].append(seg)
        else:
            groups.append([seg])
    return groups


def rebuild(
    original: str, segments: Sequence[Segment], replacements: Sequence[str] | None = None
) -> str:
    """Rebuild the document.

    With `replacements=None` this returns `original` exactly. With one replacement per
    segment it substitutes each segment's span (for example with its translation) and keeps
    all the whitespace and paragraph structure between segments as it was.

    Raises `ValueError` if the counts differ, or if the segments do not belong to `original`
    (out of order, overlapping, or their text differs from the span).
    """
    if replacements is not None and len(replacements) != len(segments):
        raise ValueError(
            f"{len(replacements)} replacements for {len(segments)} segments; need one each"
        )
    pos = 0
    for seg in segments:
        if seg.start < pos or seg.end < seg.start or seg.end > len(original):
            raise ValueError(f"segment {seg.index} is out of order or outside the document")
        if original[seg.start : seg.end] != seg.text:
            raise ValueError(f"segment {seg.index} does not match the document at its span")
        pos = seg.end
    if replacements is None:
        return original
    parts: list[str] = []
    pos = 0
    for seg, new in zip(segments, replacements, strict=True):
        parts.append(original[pos : seg.start])
        parts.append(new)
        pos = seg.end
    parts.append(original[pos:])
    return "".join(parts)
