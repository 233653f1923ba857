"""A page never shows a traceback: every failure is one escaped line (and a log entry).

`guarded` wraps a page's `render` (and the editor's fragment): a `WorkbenchError` shows its
message; anything else (a bug, an engine's RuntimeError, a driver error the store did not
map) shows one line naming the error, and the traceback goes to the server log, where an
administrator can find it. Streamlit's own control flow (`st.rerun`, `st.stop`) is not an
`Exception` and passes through.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from streamlit.errors import FragmentHandledException

from workbench.errors import WorkbenchError
from workbench.store.failures import one_line
from workbench.ui.rendering import markdown_text

LOG = logging.getLogger("workbench.ui")
F = TypeVar("F", bound=Callable[..., object])


def failure_line(exc: BaseException) -> str:
    """What the page shows for `exc`: one line."""
    if isinstance(exc, WorkbenchError):
        return one_line(exc)
    detail = one_line(exc) or "no details"
    return (
        f"Something went wrong ({type(exc).__name__}: {detail}); nothing more was done. "
        "The details are in the server's log; reload the page to go on."
    )


def show_failure(exc: BaseException) -> None:
    """Show `exc` as one escaped error line; log the traceback of an unexpected one."""
    if not isinstance(exc, WorkbenchError):
        LOG.error("page failed: %s", one_line(exc), exc_info=exc)
    st.error(markdown_text(failure_line(exc)))


def guarded(render: F) -> F:
    """`render`, with any exception shown as one line instead of a traceback."""

    @functools.wraps(render)
    def run(*args, **kwargs):
        try:
            return render(*args, **kwargs)
        except FragmentHandledException:
            raise  # Streamlit's own signal from inside a fragment
        except Exception as exc:
            show_failure(exc)
            return None

    return run  # type: ignore[return-value]
