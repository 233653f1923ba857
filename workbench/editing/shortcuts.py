"""The editor's keyboard shortcuts, listed once: the grid's `?` overlay shows this table and
`docs/editor-shortcuts.md` explains why each key was chosen.

Checked against the default bindings of Chrome, Firefox, Edge and Safari and of Windows,
GNOME/KDE and macOS: Alt+letter is used by Windows/Linux browsers only for their menus
(F, E, V, S, B, T, H, D; so A, C, G, J, K, L, M, P, Q, R, X are free) and Alt+1…9 switches tabs in
Chrome on Linux, so neither is used; on macOS Option+letter types characters, so
Ctrl+Option stands in for Alt there.
Ctrl+Shift+1…9 has no default binding on any of them (macOS screenshots are Cmd+Shift+3/4/5).
"""

from __future__ import annotations

# (Windows and Linux, macOS, what it does)
SHORTCUTS: tuple[tuple[str, str, str], ...] = (
    ("Ctrl+Enter", "Cmd+Enter or Ctrl+Enter", "Confirm, then go to the next unconfirmed sentence"),
    ("Alt+Enter", "Ctrl+Option+Enter", "Save a draft without confirming"),
    ("Alt+↓ / Alt+↑", "Ctrl+Option+↓ / ↑", "Next / previous sentence (saves only a changed text)"),
    ("Alt+C", "Ctrl+Option+C", "Copy the source into the target box"),
    ("Ctrl+Shift+1…9", "Ctrl+Shift+1…9", "Use TM match / MT alternative n; insert glossary term n"),
    ("Alt+G", "Ctrl+Option+G", "Go to sentence number…"),
    ("Alt+K", "Ctrl+Option+K", "Find in source and target (Enter: next hit)"),
    ("Alt+R", "Ctrl+Option+R", "Find and replace in targets, with a preview"),
    ("Alt+P", "Ctrl+Option+P", "Split the sentence at a caret in its source (or click the source)"),
    ("Alt+J", "Ctrl+Option+J", "Merge the sentence with the next one"),
    ("Alt+L", "Ctrl+Option+L", "Select the open sentence or take it out (then Translate again)"),
    ("Shift+click / Ctrl+click", "Shift+click / Cmd+click", "Select a range / one more sentence"),
    ("Alt+Q", "Ctrl+Option+Q", "Concordance: look up the selected words (or type a phrase)"),
    ("Alt+A", "Ctrl+Option+A", "Review: approve (an edit in the box is confirmed first)"),
    ("Alt+X", "Ctrl+Option+X", "Review: send back, with a comment typed in the grid"),
    ("Alt+M", "Ctrl+Option+M", "Write a comment on this sentence"),
    ("? or Alt+/", "? or Ctrl+Option+/", "This list (? outside a text box)"),
    ("Esc", "Esc", "Close this list, the replace panel, the concordance or the find"),
)
