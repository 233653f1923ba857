"""Sentences of one paragraph, by the language's break rules (`workbench.segment.rules`).

A candidate is a run of sentence-ending punctuation and closing quotes or brackets followed
by whitespace, so there is never a break inside ``1.2``, ``۱.۲``, ``dawn.com`` or an e-mail
address; the closing quote or bracket stays with the sentence it closes, also inside a
quotation of several sentences (``“It was hard.`` | ``We go on.”``). A piece holding no letter
or digit is not a sentence of its own: it joins the sentence after it, or at the end of a
paragraph the one before it. The paragraph end always ends a sentence.

Time is linear in the paragraph: each candidate looks at most a rule's window back.
"""

from __future__ import annotations

import re

from workbench.exchange.inline import has_tags, spans_around_tags
from workbench.segment.rules import RuleSet, rules_for
from workbench.segment.spans import is_space, strip_span

_WORD_CHAR = re.compile(r"\w")


def sentence_spans(par: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the sentences of one paragraph (offsets into `par`), stripped, in order.

    `par` is treated as one paragraph: line breaks in it are soft wraps.
    """
    return paragraph_sentences(par, 0, len(par), rules_for(lang))


def paragraph_sentences(
    text: str, start: int, stop: int, ruleset: RuleSet
) -> list[tuple[int, int]]:
    """Spans (offsets into `text`) of the sentences of the paragraph `text[start:stop]`.

    Formatting placeholders (a Word or HTML source's bold, links, breaks) are looked
    through: a bold sentence ends at its full stop and keeps both its tags.
    """
    if has_tags(text[start:stop]):
        spans = spans_around_tags(
            text[start:stop], lambda view: paragraph_sentences(view, 0, len(view), ruleset)
        )
        return [(start + a, start + b) for a, b in spans]
    start, stop = strip_span(text, start, stop)
    if start == stop:
        return []
    ends: list[int] = []
    prev = start
    for m in ruleset.candidate.finditer(text, start, stop):
        end = m.end()
        if end >= stop or not _WORD_CHAR.search(text, prev, end):
            continue  # the paragraph's end, or only punctuation so far
        if ruleset.breaks_at(text, prev, end):
            ends.append(end)
            prev = end
            while prev < stop and is_space(text[prev]):
                prev += 1
    ends.append(stop)

    spans: list[tuple[int, int]] = []
    begin = start
    for end in ends:
        a, b = strip_span(text, begin, end)
        if spans and not _WORD_CHAR.search(text, a, b):
            spans[-1] = (spans[-1][0], b)  # trailing punctuation joins the sentence before
        elif a < b:
            spans.append((a, b))
        begin = end
    return spans
