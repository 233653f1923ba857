"""The house glossary as an alignment anchor: which glossary concepts a sentence mentions."""

from __future__ import annotations

from workbench.align.anchors import TermFinder
from workbench.glossary import Glossary, matcher_for
from workbench.glossary.model import canonical_language


def glossary_terms(glossary: Glossary, src: str, tgt: str) -> TermFinder:
    """A `TermFinder` for aligning `src` with `tgt` text.

    On the glossary's own source-language side a concept is found by its source terms; on
    the other side by any of its terms in that language, deprecated ones included: an old
    translation may well use a rendering the house has since retired.
    """
    source_lang = canonical_language(glossary.source_lang)
    other = {canonical_language(src), canonical_language(tgt)} - {source_lang}
    counterpart = next(iter(other), None)

    def find(sentence: str, lang: str) -> set[str]:
        lang = canonical_language(lang)
        if lang == source_lang:
            return {
                hit.concept.id for hit in matcher_for(glossary, counterpart).find_terms(sentence)
            }
        return {hit.concept.id for hit in matcher_for(glossary, lang).find_renderings(sentence)}

    return find
