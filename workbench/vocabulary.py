"""The workbench's shared words: where a revision came from and what state it is in.

Declared once here (the core layer) so the store, the exchange formats, alignment, scoring and
the UI agree on every value; the store's CHECK constraints are built from these enums.
"""

from __future__ import annotations

import enum


class Origin(enum.StrEnum):
    """Where a revision's text came from."""

    MT = "mt"  # machine translation output (best or a chosen alternative)
    HUMAN = "human"  # typed or confirmed by an editor
    TM = "tm"  # filled from the translation memory
    ALIGNED = "aligned"  # an existing human translation aligned with the source
    PROPAGATED = "propagated"  # copied from a confirmed repetition in the same document


class RevisionStatus(enum.StrEnum):
    """The life of a segment's target: draft → confirmed (translator) → approved (reviewer).

    A reviewer may send a segment back (`rejected`); single-user desks stop at `confirmed`.
    """

    DRAFT = "draft"
    CONFIRMED = "confirmed"
    APPROVED = "approved"
    REJECTED = "rejected"


# Statuses that count as "done by the translator" for progress and exports.
FINISHED_STATUSES = frozenset({RevisionStatus.CONFIRMED, RevisionStatus.APPROVED})
