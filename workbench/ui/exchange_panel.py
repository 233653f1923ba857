"""Export downloads and imports for the open document: one download per registered format
(`workbench.exchange.registry`), XLIFF back in, translation memories in. Page code only: the
work is in `workbench.workflows.export`, `workbench.workflows.xliff_import` and
`workbench.workflows.memory_import`."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import streamlit as st

from workbench.auth.settings import AuthMode, auth_mode
from workbench.errors import WorkbenchError
from workbench.exchange.registry import XLIFF2, export_formats, memory_formats, upload_types
from workbench.exchange.units import NoteMaker
from workbench.languages import get_language
from workbench.store import Document, Store
from workbench.store.exports import ExportScope
from workbench.ui import state
from workbench.ui.rendering import markdown_text
from workbench.workflows.document_files import (
    MissingTargets,
    readiness,
    translated_file,
    translated_filename,
)
from workbench.workflows.export import ExportFormat, export_bytes, export_filename
from workbench.workflows.memory_import import import_memory_file
from workbench.workflows.xliff_import import import_xliff_targets

_SCOPES = {
    ExportScope.CONFIRMED.value: "confirmed segments",
    ExportScope.TRANSLATED.value: "every segment with a target",
}
# Team desks review: their TMX can hold only what a reviewer signed off.
_TEAM_SCOPES = {ExportScope.APPROVED.value: "approved segments", **_SCOPES}


def render(
    store: Store,
    document: Document,
    target: str,
    author: str,
    memory_size: int | None = None,
    tmx_notes: NoteMaker | None = None,
) -> None:
    """A collapsed panel: downloads on the left, imports on the right, outcome below;
    `memory_size`, when given, is how many entries the translation memory holds;
    `tmx_notes` (`workbench.qa.qa_notes`) writes each TMX unit's QA flags as notes."""
    with st.expander("Export and import", icon=":material/swap_horiz:"):
        downloads, imports = st.columns(2, gap="large")
        with downloads:
            _translation_download(store, document, target)
            st.caption(markdown_text(f"Download this document in {get_language(target).label}"))
            with st.container(horizontal=True, gap="small"):
                for exchange_format in export_formats():
                    fmt = ExportFormat(exchange_format.name)
                    tmx = fmt is ExportFormat.TMX
                    scope = st.session_state[state.TMX_SCOPE] if tmx else None
                    notes = tmx_notes if tmx else None
                    st.download_button(
                        exchange_format.label,
                        data=partial(export_bytes, store, document, target, fmt, scope, notes),
                        file_name=export_filename(document, target, fmt),
                        mime=exchange_format.mime,
                        icon=":material/download:",
                        key=state.download_key(exchange_format.name),
                        on_click="ignore",
                    )
            _choice(
                "TMX holds",
                _scopes(),
                state.TMX_SCOPE,
                help="XLIFF, TSV and CSV always hold every segment",
            )
        with imports:
            if memory_size is not None:
                entries = "entry" if memory_size == 1 else "entries"
                st.caption(
                    markdown_text(
                        f"Translation memory: {memory_size:,} {entries} (imported, post-edits)"
                    )
                )
            st.file_uploader(
                "Bring back an XLIFF edited in another tool (adds revisions to this document)",
                type=upload_types([XLIFF2]),
                key=state.XLIFF_UPLOAD,
                on_change=_import_xliff,
                args=(store, document, author),
            )
            st.file_uploader(
                "Import a translation memory (TMX 1.1–1.4b or XLIFF 2)",
                type=upload_types(memory_formats()),
                key=state.TM_UPLOAD,
                on_change=_import_memory,
                args=(store,),
            )
        for kind, message in st.session_state[state.EXCHANGE_MESSAGES]:
            headline, *details = message.splitlines()
            (st.error if kind == "error" else st.success)(markdown_text(headline), icon=None)
            if details:
                st.text("\n".join(details))


_MISSING = {
    MissingTargets.REFUSE.value: "not without a target for every segment",
    MissingTargets.SOURCE.value: "with the source text where a target is missing",
}


def _translation_download(store: Store, document: Document, target: str) -> None:
    """The deliverable: the document in its own format with every segment's current target.
    Missing targets are counted before anything is built; the user decides whether the
    source text stands in for them."""
    counts = readiness(store, document, target)
    label = get_language(target).label
    st.caption(markdown_text(f"The translated document ({counts.format.label}, {label})"))
    choice = _choice("Download", _MISSING, state.MISSING_TARGETS, label_visibility="collapsed")
    if counts.missing and choice == MissingTargets.REFUSE.value:
        st.warning(markdown_text(counts.refusal(document, target)), icon=None)
        return
    signed = counts.not_signed_off()  # "N not confirmed", in team mode "N of M not approved"
    note = f" · {signed}" if signed else ""
    st.download_button(
        f"Download translation{note}",
        data=partial(_translation_bytes, store, document, target, choice),
        file_name=translated_filename(document, target, counts.format),
        mime=counts.format.mime_type,
        icon=":material/description:",
        key=state.TRANSLATION_DOWNLOAD,
        type="primary",
        on_click="ignore",
    )


def _choice(label: str, options: dict[str, str], key: str, **extra) -> str:
    """A horizontal radio over `options` (value -> what it says)."""
    return st.radio(
        label, options=list(options), format_func=options.get, key=key, horizontal=True, **extra
    )


def _translation_bytes(store: Store, document: Document, target: str, missing: str) -> bytes:
    return translated_file(store, document, target, missing).data


def _import_xliff(store: Store, document: Document, author: str) -> None:
    uploaded = st.session_state[state.XLIFF_UPLOAD]
    if uploaded is not None:
        _report(
            lambda: import_xliff_targets(
                store, uploaded, author, document=document, name=uploaded.name
            ).summary()
        )


def _import_memory(store: Store) -> None:
    uploaded = st.session_state[state.TM_UPLOAD]
    if uploaded is not None:
        _report(
            lambda: import_memory_file(store, Path(uploaded.name), uploaded.getvalue()).summary()
        )


def _report(work) -> None:
    try:
        message = ("success", work())
    except WorkbenchError as exc:
        message = ("error", str(exc))
    st.session_state[state.EXCHANGE_MESSAGES] = [message]


def _scopes() -> dict[str, str]:
    return _SCOPES if auth_mode() == AuthMode.NONE else _TEAM_SCOPES
