"""What an alignment is: beads of source and target sentences, each with a confidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.segment import Segment

# Bead shapes the aligner considers, as (source sentences, target sentences).
BEAD_SHAPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2))

# Below this posterior probability a bead is flagged for a person to check. On the synthetic
# 2,000-sentence benchmark (bench/align.py) this flags about 3% of beads and most wrong ones.
LOW_CONFIDENCE = 0.8


@dataclass(frozen=True)
class Bead:
    """Source sentences `src` aligned with target sentences `tgt` (0-based document indexes).

    Either side may be empty (a sentence the other side left out). `confidence` is the
    posterior probability of this bead under the alignment model (1.0 once a person set it).
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float = 1.0

    @property
    def kind(self) -> str:
        """`"2-1"` for two source sentences translated as one target sentence, etc."""
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


@dataclass(frozen=True)
class AlignmentReport:
    """How the aligner saw the documents, for the CLI summary and the page's caption."""

    length_ratio: float  # target characters per source character, estimated from the texts
    length_variance: float  # Gale-Church s², estimated from the texts
    paragraphs_aligned: bool  # paragraph breaks were used as fixed alignment points
    mt_weight: float  # 0 when no MT was given or its similarity did not separate pairs
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Alignment:
    """Sentences of both documents and the beads that pair them, in document order."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    beads: tuple[Bead, ...]
    report: AlignmentReport | None = None
    # The source sentences as the segmenter found them (spans into the source text), when
    # the alignment was made from texts: what storing the alignment as a document needs.
    source_segments: tuple[Segment, ...] = ()

    def source_text(self, bead: Bead) -> str:
        return " ".join(self.source[k] for k in bead.src)

    def target_text(self, bead: Bead) -> str:
        return " ".join(self.target[k] for k in bead.tgt)

    def pairs(self) -> list[tuple[str, str]]:
        """(source, target) text of every bead that has both sides: what goes into the TM."""
        return [(self.source_text(b), self.target_text(b)) for b in self.beads if b.src and b.tgt]

    @property
    def low_confidence_count(self) -> int:
        return sum(b.low_confidence for b in self.beads)
