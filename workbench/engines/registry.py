"""Which engines can translate a target, and which one does by default.

Two engines: installed Argos packages, and the registered NLLB-200 directory. For each target
the user may pick either (app: engine picker; CLI: `--engine`); without a pick the default
is the installed engine that covers the pair, Argos first where both do (Argos models are
smaller and faster; NLLB is the only choice for Pashto).
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench import config
from workbench.engines import engine_settings
from workbench.engines.argos import ArgosEngine, argos_package_dirs, find_route, install_hint
from workbench.engines.base import TranslationEngine
from workbench.engines.nllb import SETUP_HINT, NllbEngine, registered_model
from workbench.errors import MissingModelError, WorkbenchError
from workbench.languages import ENGLISH, TARGETS, Language, get_language

# In order of preference for the default.
ENGINE_NAMES: tuple[str, ...] = ("argos", "nllb")
ENGINE_LABELS: dict[str, str] = {"argos": "Argos Translate", "nllb": "NLLB-200"}


@dataclass(frozen=True)
class EngineChoice:
    """One engine for one language pair, as the picker and `packages list` show it."""

    name: str  # "argos" | "nllb"
    label: str
    model_id: str | None  # None when this engine cannot translate the pair
    setup_hint: str  # how to make it available (shown when it is not)

    @property
    def installed(self) -> bool:
        return self.model_id is not None


@dataclass(frozen=True)
class TargetStatus:
    """Whether English → target can be translated, and by which engines."""

    language: Language
    choices: tuple[EngineChoice, ...]  # every engine, installed or not, Argos first

    @property
    def model_ids(self) -> tuple[str, ...]:
        """Installed models covering the target, the default first; empty when none."""
        return tuple(c.model_id for c in self.choices if c.model_id is not None)

    @property
    def installed(self) -> bool:
        return bool(self.model_ids)

    @property
    def default(self) -> EngineChoice | None:
        return next((c for c in self.choices if c.installed), None)


def get_engine(name: str = "argos") -> TranslationEngine:
    """The engine called `name`; engines cache their models, so this is cheap to call."""
    if name == "argos":
        return ArgosEngine()
    if name == "nllb":
        return NllbEngine()
    raise WorkbenchError(f"unknown engine {name!r}; known: {', '.join(ENGINE_NAMES)}")


def engine_choices(src: str, tgt: str) -> tuple[EngineChoice, ...]:
    """Every engine for the pair with its installed state, in default order."""
    return (_argos_choice(src, tgt), _nllb_choice(src, tgt))


def default_engine_name(src: str, tgt: str) -> str | None:
    """The first installed engine covering the pair, or None when none does."""
    return next((c.name for c in engine_choices(src, tgt) if c.installed), None)


def engine_for(src: str, tgt: str, name: str | None = None) -> TranslationEngine:
    """The engine the user named, or the default; no engine at all is a `MissingModelError`."""
    if name:
        return get_engine(name)
    default = default_engine_name(src, tgt)
    if default is None:
        hints = "; or ".join(c.setup_hint for c in engine_choices(src, tgt))
        raise MissingModelError(f"no model for {src} → {tgt} is installed: {hints}")
    return get_engine(default)


def target_statuses(src: str = ENGLISH.code) -> list[TargetStatus]:
    """For each desk target (Urdu, Dari, Pashto, Persian): which engines cover it."""
    return [TargetStatus(lang, engine_choices(src, lang.code)) for lang in TARGETS]


def installed_state() -> tuple:
    """Changes whenever what is installed may have changed (Argos package dirs, engines.json,
    the registered NLLB directory): a cache key for pages that cache `target_statuses`."""
    paths = [*argos_package_dirs(), config.engines_file()]
    try:
        nllb_dir = engine_settings.nllb_dir()
    except WorkbenchError:  # a broken engines.json: its own mtime is in the key
        nllb_dir = None
    if nllb_dir is not None:
        paths.append(nllb_dir)
    return tuple((str(p), p.stat().st_mtime_ns if p.exists() else 0) for p in paths)


def _argos_choice(src: str, tgt: str) -> EngineChoice:
    try:
        model_id: str | None = " + ".join(p.model_id for p in find_route(src, tgt))
    except MissingModelError:
        model_id = None
    return EngineChoice("argos", ENGINE_LABELS["argos"], model_id, install_hint(src, tgt))


def _nllb_choice(src: str, tgt: str) -> EngineChoice:
    try:
        info = registered_model()
    except WorkbenchError as exc:
        return EngineChoice("nllb", ENGINE_LABELS["nllb"], None, str(exc))
    if info is None:
        hint = SETUP_HINT
    elif not info.covers(src, tgt):
        hint = f"the registered model has no {get_language(tgt).nllb_code} token"
    else:
        return EngineChoice("nllb", ENGINE_LABELS["nllb"], info.model_id, SETUP_HINT)
    return EngineChoice("nllb", ENGINE_LABELS["nllb"], None, hint)
