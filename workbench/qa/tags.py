"""Formatting tags (bold, links, breaks of a Word or HTML source) in the target.

Every source tag must be in the target once, in order; a lost one is an error because its
formatting cannot be written back, and it is never guessed into a position
(`workbench.exchange.inline`). The other checks look at the text without tags.
"""

from __future__ import annotations

from workbench.exchange import inline
from workbench.qa.registry import ERROR, WARNING, QAFlag, register

TAG_MISSING = register(inline.TAG_MISSING, inline.TAG_CODES[inline.TAG_MISSING], ERROR, "tags")
TAG_EXTRA = register(inline.TAG_EXTRA, inline.TAG_CODES[inline.TAG_EXTRA], WARNING, "tags")
TAG_ORDER = register(inline.TAG_ORDER, inline.TAG_CODES[inline.TAG_ORDER], WARNING, "tags")


def check_tags(source: str, target: str) -> list[QAFlag]:
    """The target's tag problems against the source's tags (empty: all in place)."""
    return [
        QAFlag(issue.code, issue.message, ERROR if issue.code == TAG_MISSING else WARNING)
        for issue in inline.check_tags(source, target)
    ]
