"""A stored document's segments as format-neutral translation units, streamed.

One query joins each segment to its current revision, to the time its first revision
was saved and to the MT run behind it, and is read a few hundred rows at a time, so
exporting a long document holds no more than one batch in memory.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import replace

from sqlalchemy import func, select

from workbench.exchange.units import (
    PROP_DOCUMENT,
    PROP_MT_ENGINE,
    PROP_ORIGIN,
    PROP_PARAGRAPH,
    PROP_SEGMENT,
    PROP_STATUS,
    NoteMaker,
    TranslationUnit,
)
from workbench.store.models import (
    MachineTranslationRecord,
    RevisionRecord,
    SegmentRecord,
)
from workbench.store.records import Document
from workbench.store.service import Store
from workbench.store.service import _rows_query as rows_query  # the editor's row query
from workbench.timeutil import as_utc
from workbench.vocabulary import FINISHED_STATUSES, Origin, RevisionStatus

PROP_REVISION = "x-revision"  # id of the exported revision (XLIFF round trips check it)
BATCH_ROWS = 500


class ExportScope(enum.StrEnum):
    """Which segments an export takes."""

    CONFIRMED = "confirmed"  # confirmed targets only (what a TM should hold)
    TRANSLATED = "translated"  # every segment with a target, drafts and MT included
    ALL = "all"  # every segment, untranslated ones without a target (XLIFF, spreadsheets)


def unit_id(position: int) -> str:
    """The id a segment's unit carries in exports (`s1`, `s2`, ...; an XLIFF NMTOKEN)."""
    return f"s{position + 1}"


def position_of(unit_id_text: str | None) -> int | None:
    """The 0-based segment position an exported unit id stands for, or None."""
    if unit_id_text and unit_id_text.startswith("s") and unit_id_text[1:].isdigit():
        return int(unit_id_text[1:]) - 1
    return None


def document_units(
    store: Store,
    document: Document,
    target_lang: str,
    scope: ExportScope | str = ExportScope.CONFIRMED,
    *,
    with_revision_ids: bool = False,
    notes: NoteMaker | None = None,
) -> Iterator[TranslationUnit]:
    """The document's segments in order as units with the target language's current text; `notes`
    gives each translated unit its remarks (the export's QA flags)."""
    scope = ExportScope(scope)
    with store.reading() as session:
        rows = session.execute(
            _query(document.id, target_lang, scope).execution_options(yield_per=BATCH_ROWS)
        )
        for segment, revision, first_saved, engine, model_id in rows:
            unit = _unit(
                document, target_lang, segment, revision, first_saved, engine, model_id,
                with_revision_ids,
            )  # fmt: skip
            if notes is not None and unit.targets:
                unit = replace(unit, notes=tuple(notes(unit.source, unit.targets[target_lang])))
            yield unit


def _query(document_id: int, target_lang: str, scope: ExportScope):
    """The editor's (segment, current revision) rows plus first-save time and MT model."""
    first_saved = (
        select(RevisionRecord.segment_id, func.min(RevisionRecord.created).label("at"))
        .join(SegmentRecord, SegmentRecord.id == RevisionRecord.segment_id)
        .where(SegmentRecord.document_id == document_id, RevisionRecord.target_lang == target_lang)
        .group_by(RevisionRecord.segment_id)
        .subquery()
    )
    query = (
        rows_query(document_id, target_lang)
        .add_columns(
            first_saved.c.at, MachineTranslationRecord.engine, MachineTranslationRecord.model_id
        )
        .outerjoin(first_saved, first_saved.c.segment_id == SegmentRecord.id)
        .outerjoin(
            MachineTranslationRecord,
            MachineTranslationRecord.id == RevisionRecord.machine_translation_id,
        )
    )
    if scope == ExportScope.CONFIRMED:
        query = query.where(RevisionRecord.status.in_(FINISHED_STATUSES))
    elif scope == ExportScope.TRANSLATED:
        query = query.where(RevisionRecord.text != "")
    return query


def _unit(
    document: Document,
    target_lang: str,
    segment: SegmentRecord,
    revision: RevisionRecord | None,
    first_saved,
    engine: str | None,
    model_id: str | None,
    with_revision_ids: bool,
) -> TranslationUnit:
    props: list[tuple[str, str]] = []
    if revision is not None:
        props.append((PROP_ORIGIN, Origin(revision.origin).value))
        if engine:
            props.append((PROP_MT_ENGINE, f"{engine} {model_id}" if model_id else engine))
        props.append((PROP_STATUS, RevisionStatus(revision.status).value))
    props += [
        (PROP_DOCUMENT, document.name),
        (PROP_PARAGRAPH, str(segment.paragraph + 1)),
        (PROP_SEGMENT, str(segment.position + 1)),
    ]
    if with_revision_ids and revision is not None:
        props.append((PROP_REVISION, str(revision.id)))
    has_text = revision is not None and revision.text != ""
    return TranslationUnit(
        source_lang=document.source_lang,
        source=segment.source_text,
        targets={target_lang: revision.text} if has_text else {},
        id=unit_id(segment.position),
        created=as_utc(first_saved) if first_saved else None,
        changed=as_utc(revision.created) if revision is not None else None,
        author=revision.author if revision is not None else None,
        props=tuple(props),
    )
