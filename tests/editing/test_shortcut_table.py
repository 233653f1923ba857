"""The editor's key table (editing/shortcuts.py): every key listed once, explained in
docs/editor-shortcuts.md, and none that a browser or the system takes first."""

from __future__ import annotations

import re
from pathlib import Path

from workbench.editing.shortcuts import SHORTCUTS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "editor-shortcuts.md").read_text("utf-8")
# Alt+letter opens a browser menu for these (Firefox's menu bar; Chrome/Edge F and E; D is
# the address bar): docs/editor-shortcuts.md
BROWSER_ALT_LETTERS = set("FEVSBTHD")


def keys(combo: str) -> list[str]:
    """'Alt+↓ / Alt+↑' -> ['Alt+↓', 'Alt+↑']; 'Ctrl+Shift+1…9' stays one key."""
    return [part.strip() for part in re.split(r" / | or ", combo) if part.strip()]


def test_no_two_actions_share_a_key():
    seen: dict[str, str] = {}
    for windows, mac, action in SHORTCUTS:
        for key in keys(windows) + [f"mac:{k}" for k in keys(mac)]:
            if key.startswith("mac:") and key[4:] in keys(windows):
                continue  # the same key on both (Esc, Ctrl+Shift+1…9)
            assert key not in seen, f"{key} is both {seen[key]!r} and {action!r}"
            seen[key] = action


def test_no_alt_letter_opens_a_browser_menu():
    for windows, _, action in SHORTCUTS:
        for key in keys(windows):
            letter = re.fullmatch(r"Alt\+([A-Z])", key)
            assert not (letter and letter.group(1) in BROWSER_ALT_LETTERS), (key, action)


def test_every_key_is_explained_in_the_docs():
    for windows, _, _ in SHORTCUTS:
        for key in keys(windows):
            assert key.split(" ")[0] in DOC, f"{key} is not in docs/editor-shortcuts.md"
