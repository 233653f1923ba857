"""Inline formatting as protected placeholders: one private-use character per tag.

A Word run of bold text, a link, a line break or an image inside a paragraph cannot go
through MT as markup: the model would translate, drop or scramble it. Instead each inline
element becomes a placeholder character in the segment's text, the way the glossary masks
terms (`workbench.glossary.protection`): SentencePiece has never seen a private-use
character, so it reaches CTranslate2 as `<unk>`, and `replace_unknowns` copies the source
token, which is the placeholder itself. The stored source and target texts carry the
placeholders; a format writer puts the formatting back on the words between them.

The character says what it is, so no table is needed to read a text: tag number `n` of a
paragraph (numbered in order of appearance) is ``TAG_FIRST + 3n`` where it opens a span
(bold, a link), ``+ 1`` where the span closes and ``+ 2`` for a standalone element (a break,
an image, a footnote reference). Glossary placeholders use the private-use characters below
`TAG_FIRST`, so the two never collide.

A placeholder the model dropped is never guessed into a position: `check_tags` reports it
(QA code `tag-missing`) and the writer leaves that formatting out until the translator puts
the tag back. Tags in a target that its source does not have are removed (`clean_target`).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

TAG_FIRST = 0xF000
TAG_LAST = 0xF8FF  # the end of the Basic Multilingual Plane's private use area
MAX_TAGS = (TAG_LAST - TAG_FIRST + 1) // 3  # per paragraph
TAG_CHARS = re.compile(f"[{chr(TAG_FIRST)}-{chr(TAG_LAST)}]")

# QA codes for a segment whose target lost, gained or scrambled its tags.
TAG_MISSING = "tag-missing"
TAG_EXTRA = "tag-extra"
TAG_ORDER = "tag-order"
TAG_CODES: dict[str, str] = {
    TAG_MISSING: "a formatting tag of the source is not in the target",
    TAG_EXTRA: "the target has a tag the source does not have, or has one twice",
    TAG_ORDER: "a closing tag comes before its opening tag in the target",
}


class Role(enum.IntEnum):
    OPEN = 0
    CLOSE = 1
    STANDALONE = 2


@dataclass(frozen=True, slots=True)
class Tag:
    """One placeholder character, decoded."""

    number: int  # 0-based, per paragraph
    role: Role

    @property
    def char(self) -> str:
        return tag_char(self.number, self.role)


def tag_char(number: int, role: Role) -> str:
    """The placeholder character for tag `number` in `role`."""
    if not 0 <= number < MAX_TAGS:
        raise ValueError(f"tag number {number} is outside 0..{MAX_TAGS - 1}")
    return chr(TAG_FIRST + 3 * number + role)


def open_char(number: int) -> str:
    return tag_char(number, Role.OPEN)


def close_char(number: int) -> str:
    return tag_char(number, Role.CLOSE)


def standalone_char(number: int) -> str:
    return tag_char(number, Role.STANDALONE)


def decode(ch: str) -> Tag | None:
    """The tag a character stands for, or None for an ordinary character."""
    code = ord(ch)
    if not TAG_FIRST <= code <= TAG_LAST:
        return None
    number, role = divmod(code - TAG_FIRST, 3)
    return Tag(number, Role(role))


def has_tags(text: str) -> bool:
    return TAG_CHARS.search(text) is not None


def strip_tags(text: str) -> str:
    """The text without placeholders (what TM lookup, scoring and plain exports see)."""
    return TAG_CHARS.sub("", text)


def tokens(text: str) -> list[str | Tag]:
    """The text as runs of ordinary characters and the tags between them, in order."""
    out: list[str | Tag] = []
    pos = 0
    for match in TAG_CHARS.finditer(text):
        if match.start() > pos:
            out.append(text[pos : match.start()])
        tag = decode(match.group(0))
        assert tag is not None
        out.append(tag)
        pos = match.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def spans_around_tags(
    text: str, split: Callable[[str], list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """Sentence spans of a text with placeholders, found by `split` on the text as a reader
    sees it: pair tags left out (`sentence.</b> Next` ends a sentence) and standalone tags
    as spaces (a line break between two sentences separates them). Each span is mapped
    back onto `text` and takes in the closing tags right after it and the opening tags
    right before it, so a bold sentence carries both its tags."""
    view: list[str] = []
    where: list[int] = []
    for index, ch in enumerate(text):
        tag = decode(ch)
        if tag is None or tag.role is Role.STANDALONE:
            view.append(" " if tag else ch)
            where.append(index)
    spans = []
    for start, end in split("".join(view)):
        start, end = where[start], where[end - 1] + 1
        while end < len(text) and (tag := decode(text[end])) and tag.role is Role.CLOSE:
            end += 1
        while start > 0 and (tag := decode(text[start - 1])) and tag.role is Role.OPEN:
            start -= 1
        spans.append((start, end))
    return spans


# --- checking a target against its source --------------------------------------------------


@dataclass(frozen=True, slots=True)
class TagIssue:
    code: str  # TAG_MISSING / TAG_EXTRA / TAG_ORDER
    tag: Tag

    @property
    def message(self) -> str:
        what = {
            TAG_MISSING: "is missing from the target",
            TAG_EXTRA: "is not in the source or appears twice",
            TAG_ORDER: "closes before it opens",
        }[self.code]
        return f"tag {display_tag(self.tag)} {what}"


def check_tags(source: str, target: str) -> list[TagIssue]:
    """What is wrong with the target's tags, compared with the source's (empty: all fine).

    Every source tag must be in the target exactly once; a closing tag must follow its
    opening tag when both are in the target.
    """
    wanted = [t for t in tokens(source) if isinstance(t, Tag)]
    found = [t for t in tokens(target) if isinstance(t, Tag)]
    issues = [TagIssue(TAG_MISSING, t) for t in wanted if t not in found]
    seen: set[Tag] = set()
    for tag in found:
        if tag not in wanted or tag in seen:
            issues.append(TagIssue(TAG_EXTRA, tag))
        seen.add(tag)
    position = {t: i for i, t in reversed(list(enumerate(found)))}
    for tag in found:
        if tag.role is Role.CLOSE:
            opener = Tag(tag.number, Role.OPEN)
            if opener in position and position[opener] > position[tag]:
                issues.append(TagIssue(TAG_ORDER, tag))
    return issues


def clean_target(source: str, target: str) -> str:
    """The target without tags its source does not have (stray private-use characters,
    or an MT repetition of a tag after its first occurrence): no unknown placeholder ever
    reaches an editor or a writer."""
    wanted = {ch for ch in source if decode(ch) is not None}
    seen: set[str] = set()
    out = []
    for ch in target:
        if decode(ch) is not None:
            if ch not in wanted or ch in seen:
                continue
            seen.add(ch)
        out.append(ch)
    return "".join(out)


# --- nesting, for writers that need a tree (HTML, XLIFF <g>) --------------------------------


@dataclass
class Span:
    """A paired tag and what it encloses; `opened`/`closed` say whether the text given to
    `nest` held each end (a span can cross a segment boundary)."""

    number: int
    children: list[str | Tag | Span]
    opened: bool = True
    closed: bool = True


def nest(text: str) -> list[str | Tag | Span]:
    """The text as a tree: spans enclose what is between their tags, standalone tags and
    strings are leaves. A span closed while an inner one is still open ends the inner one
    there and reopens it after (as HTML parsers do), so the tree is always well nested;
    a span not closed in `text` ends at the end (`closed=False`), and a closing tag whose
    opening tag is not in `text` encloses everything before it (`opened=False`)."""
    root: list[str | Tag | Span] = []
    stack: list[Span] = []

    def container() -> list[str | Tag | Span]:
        return stack[-1].children if stack else root

    for token in tokens(text):
        if isinstance(token, str) or token.role is Role.STANDALONE:
            container().append(token)
        elif token.role is Role.OPEN:
            span = Span(token.number, [])
            container().append(span)
            stack.append(span)
        elif any(s.number == token.number for s in stack):
            reopen = []
            while stack[-1].number != token.number:
                inner = stack.pop()
                inner.closed = False
                reopen.append(inner.number)
            stack.pop()
            for number in reversed(reopen):
                span = Span(number, [], opened=False)
                container().append(span)
                stack.append(span)
        else:  # closes something opened before this text began
            enclosed = container()[:]
            del container()[:]
            container().append(Span(token.number, enclosed, opened=False))
    for span in stack:
        span.closed = False
    return root


def flatten(nodes: Iterable[str | Tag | Span]) -> str:
    """`nest` undone: the text with its placeholder characters (spans that did not open or
    close in the text are written without that end)."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, Tag):
            out.append(node.char)
        else:
            out.append(open_char(node.number) if node.opened else "")
            out.append(flatten(node.children))
            out.append(close_char(node.number) if node.closed else "")
    return "".join(out)


# --- what an editor sees -------------------------------------------------------------------

_DISPLAY = re.compile(r"⟨(/?)(\d+)(/?)⟩")


def display_tag(tag: Tag) -> str:
    """Compact, typeable form of one tag: ⟨1⟩ opens, ⟨/1⟩ closes, ⟨1/⟩ stands alone
    (numbers from 1, as CAT tools show them)."""
    n = tag.number + 1
    return {Role.OPEN: f"⟨{n}⟩", Role.CLOSE: f"⟨/{n}⟩", Role.STANDALONE: f"⟨{n}/⟩"}[tag.role]


def to_display(text: str) -> str:
    """The text with each placeholder shown as its compact tag."""
    return TAG_CHARS.sub(lambda m: display_tag(decode(m.group(0))), text)  # type: ignore[arg-type]


def from_display(text: str) -> str:
    """Compact tags typed or moved by an editor turned back into placeholders; a form that
    names no valid tag stays as the characters typed."""

    def replace(match: re.Match[str]) -> str:
        closing, digits, alone = match.groups()
        number = int(digits) - 1
        if (closing and alone) or not 0 <= number < MAX_TAGS:
            return match.group(0)
        role = Role.CLOSE if closing else Role.STANDALONE if alone else Role.OPEN
        return tag_char(number, role)

    return _DISPLAY.sub(replace, text)
