"""Quality checks on a translated segment: what a reviewer would catch before it ships,
and nothing a professional translator does on purpose.

`check(source, target, tgt, glossary)` returns a segment's flags; `check_document(pairs,
tgt, glossary)` checks a whole document and judges length against it. Each flag has a
stable `code` (registered in `registry`, documented in docs/qa.md) that the editor filters
on, the TSV `qa` column lists and the TMX export writes as a note, and a one-line message
that names what is wrong. One module per check family:

- `glossary`: approved renderings (zero silent misses); `numbers`: values in any script,
  lakh/crore/million; `punctuation`: the final mark; `letters`: Arabic and other
  look-alike letters; `zwnj`: the Persian/Dari non-joiner; `mt_patterns`: copied source,
  decoder loops, Latin left behind; `length`: the document's own length ratio; `mt_run`:
  codes the MT pipeline sets (`long-segment`, `mt-failed`).

Format characters (LRM, RLM, ALM, bidi embeddings and isolates, ZWJ) never decide a check
(`text.visible`).
"""

from workbench.qa.checks import TARGET_EMPTY, check, check_document, qa_notes
from workbench.qa.glossary import (
    GLOSSARY_MISSING,
    GLOSSARY_VARIANT,
    TermCoverage,
    check_glossary,
    glossary_coverage,
)
from workbench.qa.length import (
    LENGTH_RATIO,
    LengthModel,
    calibration_model,
    check_length_ratio,
    learn_length_model,
)
from workbench.qa.letters import LETTER_VARIANT, check_letters
from workbench.qa.mt_patterns import (
    LATIN_RESIDUE,
    REPETITION,
    UNTRANSLATED,
    check_latin_residue,
    check_repetition,
    check_untranslated,
)
from workbench.qa.mt_run import LONG_SEGMENT, MT_FAILED
from workbench.qa.numbers import NUMBER_MISSING, check_numbers
from workbench.qa.punctuation import PUNCTUATION, check_final_punctuation
from workbench.qa.registry import CODES, ERROR, REGISTRY, WARNING, CheckCode, QAFlag, register
from workbench.qa.tags import TAG_EXTRA, TAG_MISSING, TAG_ORDER, check_tags
from workbench.qa.text import visible
from workbench.qa.zwnj import ZWNJ_MISSING, ZWNJ_STRAY, check_zwnj

__all__ = [
    "CODES",
    "ERROR",
    "GLOSSARY_MISSING",
    "GLOSSARY_VARIANT",
    "LATIN_RESIDUE",
    "LENGTH_RATIO",
    "LETTER_VARIANT",
    "LONG_SEGMENT",
    "MT_FAILED",
    "NUMBER_MISSING",
    "PUNCTUATION",
    "REGISTRY",
    "REPETITION",
    "TAG_EXTRA",
    "TAG_MISSING",
    "TAG_ORDER",
    "TARGET_EMPTY",
    "UNTRANSLATED",
    "WARNING",
    "ZWNJ_MISSING",
    "ZWNJ_STRAY",
    "CheckCode",
    "LengthModel",
    "QAFlag",
    "TermCoverage",
    "calibration_model",
    "check",
    "check_document",
    "check_final_punctuation",
    "check_glossary",
    "check_latin_residue",
    "check_length_ratio",
    "check_letters",
    "check_numbers",
    "check_repetition",
    "check_tags",
    "check_untranslated",
    "check_zwnj",
    "glossary_coverage",
    "learn_length_model",
    "qa_notes",
    "register",
    "visible",
]
