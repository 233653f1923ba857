"""Sentence-break rules per language, read from TOML files in the spirit of SRX.

A rule file (``workbench/segment/rules/<lang>.toml``, see docs/segmentation.md) holds:

* ``extends``: another rule file whose lists and rules come first (``_arabic`` for ur/fa/ps);
* ``terminators`` and ``closers``: the characters that can end a sentence, and the closing
  quotes and brackets that stay with the sentence they close;
* ``[lists]``: named word lists (abbreviations, titles, initials, sentence starters...);
  a regular expression names a list as ``{name}`` and gets an alternation of its words;
* ``[[rules]]``: ordered break and no-break rules. A *candidate* is a run of terminators and
  closers followed by whitespace; the first rule whose ``before`` pattern matches the text
  of the sentence so far (its end) and whose ``after`` pattern matches the text from the
  candidate on decides. No rule matching means no break.

A desk extends the built-in rules without touching the package: a file of the same name in
the directory `config.segmentation_rules_dir()` adds its list entries to the built-in lists
and puts its rules before the built-in ones.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from workbench import config
from workbench.errors import WorkbenchError
from workbench.languages import get_language

BUILTIN_DIR = Path(__file__).resolve().parent / "rules"
# How far back a rule's `before` pattern looks (characters), unless the rule says `window`.
DEFAULT_WINDOW = 60
# How far ahead an `after` pattern may look.
AFTER_WINDOW = 80
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Rule:
    name: str
    breaks: bool
    before: re.Pattern[str]  # searched in the sentence so far; anchored at its end
    after: re.Pattern[str] | None  # matched at the candidate
    window: int


@dataclass(frozen=True)
class RuleSet:
    """The compiled rules of one language."""

    language: str
    candidate: re.Pattern[str]
    rules: tuple[Rule, ...]

    def breaks_at(self, text: str, sentence_start: int, pos: int) -> bool:
        """Whether the candidate ending at `pos` ends the sentence begun at `sentence_start`."""
        after_end = min(len(text), pos + AFTER_WINDOW)
        for rule in self.rules:
            low = pos - rule.window
            if low > sentence_start:
                # One character more than the window, searched from index 1: `^` then only
                # matches at a real sentence start.
                found = rule.before.search(text[low - 1 : pos], 1)
            else:
                found = rule.before.search(text[sentence_start:pos])
            if found is None:
                continue
            if rule.after is not None and rule.after.match(text, pos, after_end) is None:
                continue
            return rule.breaks
        return False


def rules_file_name(lang: str) -> str:
    """The rule file of a workbench language: its code in lower case (``fa-af``)."""
    return get_language(lang).code.lower()


@cache
def _builtin(lang: str) -> RuleSet:
    return _compile(lang, None)


def rules_for(lang: str) -> RuleSet:
    """The rule set for `lang`, with the desk's additions if it has a file for the language."""
    name = rules_file_name(lang)
    desk_file = config.segmentation_rules_dir() / f"{name}.toml"
    if not desk_file.is_file():
        return _builtin(name)
    stat = desk_file.stat()
    return _with_desk_file(name, str(desk_file), stat.st_mtime_ns, stat.st_size)


@cache
def _with_desk_file(name: str, desk_file: str, _mtime: int, _size: int) -> RuleSet:
    return _compile(name, Path(desk_file))


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise WorkbenchError(f"{path}: no such segmentation rule file") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise WorkbenchError(f"{path}: unreadable segmentation rules ({exc})") from None


def _layers(name: str) -> list[tuple[Path, dict]]:
    """The built-in file and the files it extends, base first."""
    layers: list[tuple[Path, dict]] = []
    seen: set[str] = set()
    while name and name not in seen:
        seen.add(name)
        path = BUILTIN_DIR / f"{name}.toml"
        data = _read(path)
        layers.insert(0, (path, data))
        name = str(data.get("extends", ""))
    return layers


def _compile(name: str, desk_file: Path | None) -> RuleSet:
    layers = _layers(name)
    terminators = closers = ""
    lists: dict[str, list[str]] = {}
    raw_rules: list[tuple[Path, dict]] = []
    for path, data in layers:
        terminators = str(data.get("terminators", terminators))
        closers = str(data.get("closers", closers))
        _merge_lists(lists, data, path)
        raw_rules = [(path, r) for r in data.get("rules", [])] + raw_rules
    if desk_file is not None:
        data = _read(desk_file)
        _merge_lists(lists, data, desk_file)
        raw_rules = [(desk_file, r) for r in data.get("rules", [])] + raw_rules
    if not terminators:
        raise WorkbenchError(f"{layers[-1][0]}: no terminators")
    candidate = re.compile(f"[{re.escape(terminators)}]+[{re.escape(closers)}]*(?=\\s)")
    rules = tuple(_rule(path, i, raw, lists) for i, (path, raw) in enumerate(raw_rules))
    return RuleSet(name, candidate, rules)


def _merge_lists(lists: dict[str, list[str]], data: dict, path: Path) -> None:
    for key, words in data.get("lists", {}).items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise WorkbenchError(f"{path}: list {key!r} must be a list of non-empty strings")
        lists.setdefault(key, []).extend(words)


def _rule(path: Path, number: int, raw: dict, lists: dict[str, list[str]]) -> Rule:
    name = str(raw.get("name") or f"rule {number + 1}")
    if not isinstance(raw.get("break"), bool):
        raise WorkbenchError(f"{path}: {name}: `break` must be true or false")

    def expand(pattern: str) -> str:
        def words(m: re.Match[str]) -> str:
            if m.group(1) not in lists:
                raise WorkbenchError(f"{path}: {name}: no list named {m.group(1)!r}")
            ordered = sorted(set(lists[m.group(1)]), key=len, reverse=True)
            if not ordered:
                return "(?!)"  # an empty list matches nothing
            return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"

        return _PLACEHOLDER.sub(words, pattern)

    try:
        before = re.compile(f"(?:{expand(str(raw.get('before', '')))})\\Z")
        after_src = raw.get("after")
        after = re.compile(expand(str(after_src))) if after_src else None
    except re.error as exc:
        raise WorkbenchError(f"{path}: {name}: bad regular expression ({exc})") from None
    return Rule(name, raw["break"], before, after, int(raw.get("window", DEFAULT_WINDOW)))
