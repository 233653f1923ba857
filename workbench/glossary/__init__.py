"""The house glossary: concepts with their terms, matched in sources and enforced through MT.

Library API (pages and the CLI call only this):

- `load_glossary(path)`, `save_glossary(glossary, path)`, `parse_glossary(bytes, name)`:
  CSV and TBX files (`csv_format`, `tbx_format`);
- `find_terms(source, glossary, tgt) -> list[TermHit]`: the term occurrences of a source
  sentence, with `hit.rendering(tgt)` the approved target form;
- `protect(source, hits)` / `restore(mt_text, protected, tgt)`: carry the terms through MT;
- QA on the result lives in `workbench.qa`.
"""

from workbench.glossary.files import (
    file_digest,
    load_glossary,
    parse_glossary,
    save_glossary,
    serialize_glossary,
)
from workbench.glossary.matching import RenderingHit, TermHit, TermMatcher, find_terms, matcher_for
from workbench.glossary.model import (
    SOURCE_LANGUAGE,
    Concept,
    Glossary,
    GlossaryError,
    Role,
    Status,
    Term,
    build_glossary,
)
from workbench.glossary.protection import ProtectedSource, Restoration, protect, restore

__all__ = [
    "SOURCE_LANGUAGE",
    "Concept",
    "Glossary",
    "GlossaryError",
    "ProtectedSource",
    "RenderingHit",
    "Restoration",
    "Role",
    "Status",
    "Term",
    "TermHit",
    "TermMatcher",
    "build_glossary",
    "file_digest",
    "find_terms",
    "load_glossary",
    "matcher_for",
    "parse_glossary",
    "protect",
    "restore",
    "save_glossary",
    "serialize_glossary",
]
