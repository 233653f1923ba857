"""Split or merge a stored segment, then rerun the lookups for the new segments only.

The store does the edit in one transaction (`Store.split_segment`, `Store.merge_segments`:
old segments retired with their history, targets carried by the rule in
`workbench.store.resegment`). Then the new segments, and no others, get exact matches from
the translation memory (as `tm` drafts where nobody's text was carried) and a translation job
for their ids (the old segments' ids are retired: a job that still lists them skips them, and
a whole-document job waiting meanwhile translates the new ones itself; whichever stores first,
the other skips them, so each gets one MT result). The job is only created here: the
editor hands it to `workbench.jobs.dispatch`, the CLI runs it at once with
`workbench.jobs.runner.run_job`.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.engines.base import TranslationEngine
from workbench.jobs import start_translation
from workbench.memory.index import TranslationMemory
from workbench.store import Resegmented, Store
from workbench.store.jobs import TranslationJob
from workbench.workflows.fill import fill_exact_matches


@dataclass(frozen=True)
class ResegmentResult:
    """The edit, how many new segments the memory filled, and the MT job for them (None
    without an engine)."""

    edit: Resegmented
    tm_filled: int
    job: TranslationJob | None


def split_and_refresh(
    store: Store,
    segment_id: int,
    at_char: int,
    author: str,
    target_lang: str,
    *,
    memory: TranslationMemory | None = None,
    engine: TranslationEngine | None = None,
    base_revision_id: int | None = None,
    check_base: bool = False,
    target_at: int | None = None,
) -> ResegmentResult:
    """Split the segment at `at_char` and refresh the two parts for `target_lang`.

    With `check_base` the split is refused (`RevisionConflict`) when the target's head is no
    longer `base_revision_id` (what the editor showed).
    """
    edit = store.split_segment(
        segment_id,
        at_char,
        author,
        target_lang=target_lang if check_base else None,
        base_revision_id=base_revision_id,
        target_at=target_at,
    )
    return refresh_new_segments(store, edit, target_lang, author, memory=memory, engine=engine)


def merge_and_refresh(
    store: Store,
    segment_id: int,
    author: str,
    target_lang: str,
    *,
    memory: TranslationMemory | None = None,
    engine: TranslationEngine | None = None,
    base_revision_ids: dict[int, int | None] | None = None,
) -> ResegmentResult:
    """Merge the segment with the next one of its paragraph and refresh the result.

    `base_revision_ids` (segment id -> the revision the editor showed) refuses the merge
    with `RevisionConflict` when either target moved.
    """
    edit = store.merge_segments(
        segment_id,
        author,
        target_lang=target_lang if base_revision_ids is not None else None,
        base_revision_ids=base_revision_ids,
    )
    return refresh_new_segments(store, edit, target_lang, author, memory=memory, engine=engine)


def refresh_new_segments(
    store: Store,
    edit: Resegmented,
    target_lang: str,
    author: str,
    *,
    memory: TranslationMemory | None = None,
    engine: TranslationEngine | None = None,
) -> ResegmentResult:
    """Exact memory matches and an MT job for the segments `edit` made, and only those."""
    new_ids = {s.id for s in edit.segments}
    document_id = edit.segments[0].document_id
    filled = (
        fill_exact_matches(store, document_id, target_lang, memory, only=new_ids)
        if memory is not None
        else 0
    )
    job = None
    if engine is not None:
        job = start_translation(
            store,
            document_id,
            target_lang,
            engine,
            author,
            first_segment_ids=sorted(new_ids),
            segment_ids=sorted(new_ids),
        )
    return ResegmentResult(edit, filled, job)
