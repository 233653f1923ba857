"""The languages the workbench knows, and how each maps onto engines and rendering.

Workbench codes are BCP 47 (they go into TMX/XLIFF as they are); Argos and NLLB use their
own codes, so every mapping lives here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from workbench.errors import InputError, WorkbenchError


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, as stored and exported
    label: str  # what editors see
    argos_code: str  # Argos Translate package code
    nllb_code: str  # NLLB-200 language token
    rtl: bool
    font_stack: str  # CSS font-family for text in this language
    pysbd_code: str  # language code for pysbd's rules

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


_NASTALIQ = '"Noto Nastaliq Urdu", "Noto Naskh Arabic", "Noto Sans Arabic", serif'
_NASKH = '"Noto Naskh Arabic", "Noto Sans Arabic", "Noto Nastaliq Urdu", serif'
_LATIN = '"Noto Sans", "Source Sans Pro", sans-serif'

ENGLISH = Language("en", "English", "en", "eng_Latn", False, _LATIN, "en")
URDU = Language("ur", "Urdu", "ur", "urd_Arab", True, _NASTALIQ, "ur")
DARI = Language("fa-AF", "Dari", "fa", "prs_Arab", True, _NASKH, "fa")
PERSIAN = Language("fa", "Persian (Iran)", "fa", "pes_Arab", True, _NASKH, "fa")
PASHTO = Language("ps", "Pashto", "ps", "pbt_Arab", True, _NASKH, "fa")

LANGUAGES: dict[str, Language] = {
    lang.code: lang for lang in (ENGLISH, URDU, DARI, PERSIAN, PASHTO)
}

# The desk's targets, in the order the UI offers them.
TARGETS: tuple[Language, ...] = (URDU, DARI, PASHTO, PERSIAN)


def get_language(code: str) -> Language:
    """Look a language up by workbench code, case-insensitively (`fa-af` is `fa-AF`)."""
    for lang in LANGUAGES.values():
        if lang.code.lower() == code.strip().lower():
            return lang
    known = ", ".join(LANGUAGES)
    raise WorkbenchError(f"unknown language {code!r}; known: {known}")


@lru_cache(maxsize=1024)
def normalize_language_tag(tag: str) -> str:
    """A BCP 47 tag in its conventional case: `EN_us` -> `en-US`, `zh-hant-tw` -> `zh-Hant-TW`.

    Files from other tools write `EN-US`, `ur_PK` or `fa-af`; comparing and storing the
    canonical form keeps one language from turning into several.
    """
    parts = [p for p in tag.strip().replace("_", "-").split("-") if p]
    if not parts:
        return ""
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())  # script: Arab, Latn
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())  # region: AF, PK, 419
        else:
            out.append(part.lower())
    return "-".join(out)


def language_matches(tag: str, wanted: str) -> bool:
    """Whether text tagged `tag` serves a request for `wanted`: same tag or a subtag of it.

    `ur-PK` serves `ur`, and `fa-AF` serves `fa`; `fa-IR` does not serve `fa-AF` (Dari).
    """
    tag, wanted = normalize_language_tag(tag), normalize_language_tag(wanted)
    return tag == wanted or tag.startswith(wanted + "-")


def workbench_target(tag: str, *, path: str | None = None) -> str:
    """The workbench target a file's language tag means: `ur-PK` → `ur`, `ps-AF` → `ps`,
    `fa-AF` (Dari) stays, `fa-IR` → `fa`; any case, `_` or script subtag (`ur-Arab-PK`).

    CAT tools write regional tags; storing them as they are would give revisions the editor
    never shows. Any other language (`de`, `en`) is an `InputError` naming `path`.
    """
    parts = [p for p in normalize_language_tag(tag).split("-") if not (len(p) == 4 and p.isalpha())]
    codes = {lang.code: lang.code for lang in TARGETS}
    for candidate in ("-".join(parts[:2]), parts[0] if parts else ""):
        if candidate in codes:
            return codes[candidate]
    known = ", ".join(codes)
    raise InputError(
        f"{tag!r} is not a target language of the workbench (targets: {known}; regional tags "
        "such as ur-PK or ps-AF are accepted); nothing was imported",
        path=path,
    )
