"""Documents as files: a .txt, .md, .docx or .html into the store with its original bytes,
and the translation back out in the file's own format (the desk's deliverable).

Importing keeps the original file beside the stored text, so the translation can be
written over it later (Word styles, images and tables; the page's scripts and styles). A
document stored before originals were kept is plain text: its stored text is its original.

Exporting takes each segment's current target. A segment without one is either refused
(the default: the message counts them, and the targets not yet signed off) or given its
source text (`MissingTargets.SOURCE`), never silently. Signed off means confirmed for a
single user and approved by a reviewer in team mode (`WORKBENCH_AUTH`), where the messages
say how many segments of the deliverable are not approved.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from workbench import config
from workbench.auth.settings import AuthMode, auth_mode
from workbench.errors import InputError, WorkbenchError
from workbench.exchange.document import SegmentText
from workbench.exchange.document_formats import (
    MARKDOWN,
    TEXT,
    DocumentFormat,
    document_format,
    document_format_for,
    translated_document,
)
from workbench.exchange.filenames import file_stem
from workbench.exchange.inline import TAG_MISSING, check_tags
from workbench.exchange.text import EncodingGuess, guess_encoding
from workbench.languages import get_language
from workbench.store import Document, DocumentOriginal, Store
from workbench.vocabulary import RevisionStatus

_SIGNED_OFF = (RevisionStatus.CONFIRMED, RevisionStatus.APPROVED)


class MissingTargets(enum.StrEnum):
    """What an export does with a segment that has no target yet."""

    REFUSE = "refuse"
    SOURCE = "source"


class ExportRefused(WorkbenchError):
    """Segments have no target and the user asked for a complete translation."""


def reviewed() -> bool:
    """Team mode: a segment is signed off when a reviewer approved it, not when confirmed."""
    return auth_mode() is not AuthMode.NONE


def not_signed_off(segments: int, missing: int, unconfirmed: int, unapproved: int) -> str:
    """ "N not confirmed" (single user), or in team mode "N of M not approved" counting the
    segments without a target too (a reviewer approved none of them); "" when all are."""
    if reviewed():
        count = missing + unapproved
        return f"{count} of {segments} not approved" if count else ""
    return f"{unconfirmed} not confirmed" if unconfirmed else ""


@dataclass(frozen=True)
class TranslatedFile:
    data: bytes
    format: DocumentFormat
    segments: int
    missing: int  # segments without a target (their source text is in the file)
    unconfirmed: int  # segments whose target is not confirmed or approved
    lost_tags: int  # segments whose target lost a formatting tag (written without it)
    unapproved: int = 0  # segments whose target is not approved (team mode's sign-off)

    def summary(self) -> str:
        parts = [f"{self.segments} segments"]
        if self.missing:
            parts.append(f"{self.missing} without a target kept their source text")
        signed = not_signed_off(self.segments, self.missing, self.unconfirmed, self.unapproved)
        if signed:
            parts.append(signed)
        if self.lost_tags:
            parts.append(f"{self.lost_tags} lost formatting tags (QA tag-missing)")
        return ", ".join(parts)


class EncodingNotConfirmed(InputError):
    """A text file is not UTF-8; `guess` is what it probably is, for the user to confirm."""

    def __init__(self, error: InputError, guess: EncodingGuess | None):
        Exception.__init__(self, str(error))
        self.path, self.line, self.guess = error.path, error.line, guess

    def advice(self, how: str) -> str:
        """The error with the guess and `how` to confirm it (`run again with --encoding X`)."""
        if self.guess is None:
            return str(self)
        return f"{self}; {self.guess.describe()}; if that is right, {how} {self.guess.encoding}"


@dataclass(frozen=True)
class LoadedFile:
    """A document file read and checked, ready to be stored."""

    name: str
    format: DocumentFormat
    text: str  # what is segmented and stored
    original: DocumentOriginal


def load_file(
    data: bytes, name: str, encoding: str | None = None, *, path: str | None = None
) -> LoadedFile:
    """Read a document file by its extension (`.txt`, `.md`, `.docx`, `.html`); a text
    that is not UTF-8 and has no confirmed `encoding` raises `EncodingNotConfirmed` with
    a guess to offer. `name` is what the document is stored as, `path` (default `name`)
    what errors call the file. Nothing is stored."""
    where = path or name
    fmt = document_format_for(where)
    config.check_file_size(len(data), path=where)  # before any parsing
    try:
        document = fmt.read(data, where, encoding)
    except InputError as exc:
        if encoding is not None or fmt not in (TEXT, MARKDOWN) or "not valid" not in str(exc):
            raise
        raise EncodingNotConfirmed(exc, guess_encoding(data)) from None
    config.check_document_chars(len(document.text), path=where)
    return LoadedFile(name, fmt, document.text, DocumentOriginal(fmt.name, data, encoding))


def import_file(store: Store, loaded: LoadedFile, source_lang: str = "en") -> Document:
    """Store a loaded file as a document with its original (the same file imported twice
    is one document)."""
    return store.import_document(loaded.name, loaded.text, source_lang, original=loaded.original)


@dataclass(frozen=True)
class Readiness:
    """How complete a document's translation is, counted the way an export counts it."""

    segments: int
    missing: int  # no target (or only spaces)
    unconfirmed: int  # a target not confirmed or approved
    format: DocumentFormat  # the document's own format
    unapproved: int = 0  # a target not approved (team mode's sign-off)

    def not_signed_off(self) -> str:
        """What the download says about sign-off ("" when every segment is signed off)."""
        return not_signed_off(self.segments, self.missing, self.unconfirmed, self.unapproved)

    def refusal(self, document: Document, target_lang: str) -> str:
        label = get_language(target_lang).label
        others = (
            f"{self.unapproved} of the others not approved"
            if reviewed()
            else f"{self.unconfirmed} of the others not confirmed"
        )
        return (
            f"{document.name}: {self.missing} of {self.segments} segments have no {label} "
            f"target yet ({others}); translate them, or export with their source text in place"
        )


def readiness(store: Store, document: Document, target_lang: str) -> Readiness:
    """Counts for the download button and the export message, before anything is built."""
    heads = store.current_revisions(document.id, get_language(target_lang).code)
    segments = store.segments(document.id)
    found = [heads.get(s.id) for s in segments]
    targets = [head for head in found if head is not None and head.text.strip()]
    unconfirmed = sum(1 for head in targets if head.status not in _SIGNED_OFF)
    unapproved = sum(1 for head in targets if head.status != RevisionStatus.APPROVED)
    stored_format = store.original_format(document.id)
    fmt = document_format(stored_format) if stored_format is not None else TEXT
    return Readiness(len(segments), len(found) - len(targets), unconfirmed, fmt, unapproved)


def translated_file(
    store: Store,
    document: Document,
    target_lang: str,
    missing: MissingTargets | str = MissingTargets.REFUSE,
    output: DocumentFormat | str | None = None,
) -> TranslatedFile:
    """The document rebuilt with each segment's current `target_lang` text, in its own
    format (or `output`: plain text from any format)."""
    missing = MissingTargets(missing)
    target_lang = get_language(target_lang).code
    stored = store.document_original(document.id)
    text = store.document_text(document.id)
    if stored is None:  # stored before originals were kept: plain UTF-8 text
        stored = DocumentOriginal(TEXT.name, text.encode("utf-8"), None)
    fmt = document_format(stored.format)
    out_fmt = document_format(output) if isinstance(output, str) else (output or fmt)
    segments = store.segments(document.id)
    heads = store.current_revisions(document.id, target_lang)
    spans, without, unconfirmed, unapproved, lost = [], 0, 0, 0, 0
    for segment in segments:
        head = heads.get(segment.id)
        if head is None or not head.text.strip():
            without += 1
            spans.append(SegmentText(segment.start, segment.end, segment.text))
            continue
        unconfirmed += head.status not in _SIGNED_OFF
        unapproved += head.status != RevisionStatus.APPROVED
        lost += any(i.code == TAG_MISSING for i in check_tags(segment.text, head.text))
        spans.append(SegmentText(segment.start, segment.end, head.text))
    if without and missing is MissingTargets.REFUSE:
        counts = Readiness(len(segments), without, unconfirmed, fmt, unapproved)
        raise ExportRefused(f"{counts.refusal(document, target_lang)} (--missing source)")
    data = translated_document(
        fmt, stored.data, text, spans, target_lang, name=document.name,
        encoding=stored.encoding, output=out_fmt,
    )  # fmt: skip
    return TranslatedFile(data, out_fmt, len(segments), without, unconfirmed, lost, unapproved)


def translated_filename(document: Document, target_lang: str, fmt: DocumentFormat) -> str:
    """`editorial.ur.docx` for `editorial.docx` translated into Urdu."""
    return f"{file_stem(document.name)}.{target_lang}{fmt.extensions[0]}"


__all__ = [
    "EncodingNotConfirmed",
    "ExportRefused",
    "LoadedFile",
    "MissingTargets",
    "Readiness",
    "TranslatedFile",
    "import_file",
    "load_file",
    "readiness",
    "translated_file",
    "translated_filename",
]
