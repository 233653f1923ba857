"""`workbench export DOC --to ur --format tmx|xliff|tsv|csv` and `workbench import FILE.xlf`.

Export writes a stored document for CAT tools and spreadsheets; import brings an XLIFF 2
file edited elsewhere back as revisions (the round trip).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from workbench import config
from workbench.cli.options import add_db_option, add_target_option, open_store_from
from workbench.errors import WorkbenchError
from workbench.exchange.registry import export_formats, format_for_path
from workbench.glossary import load_glossary
from workbench.languages import get_language
from workbench.qa import qa_notes
from workbench.store.exports import ExportScope
from workbench.workflows.export import ExportFormat, export_document, export_filename
from workbench.workflows.xliff_import import import_xliff_targets

EXPORTS_DIR = config.TRANSLATIONS_DIR / "exports"


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser(
        "export",
        help="export a stored document as TMX, XLIFF 2, TSV or CSV",
        description=(
            "Write DOC (a stored document's name or id) and its TARGET translation as TMX 1.4b "
            "(for translation memories: confirmed segments unless --segments says otherwise), "
            "XLIFF 2.0 (every segment, with its state, to edit in a CAT tool and import back) "
            "or TSV/CSV (every segment, for spreadsheets)."
        ),
    )
    export.add_argument("doc", metavar="DOC", help="document name or id (`workbench docs`)")
    add_target_option(export)
    export.add_argument(
        "--format",
        choices=[f.name for f in export_formats()],
        help="file format (default: from the --out extension)",
    )
    export.add_argument(
        "--segments",
        choices=[s.value for s in ExportScope],
        help="confirmed: confirmed only (TMX default); translated: every segment with a "
        "target; all: every segment (XLIFF/TSV/CSV default)",
    )
    export.add_argument(
        "--out", type=Path, metavar="FILE", help=f"output file (default: {EXPORTS_DIR}/...)"
    )
    export.add_argument(
        "--qa-notes",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="TMX: each unit's QA flags as <note>s (default: on)",
    )
    export.add_argument(
        "--glossary",
        type=Path,
        help=f"glossary the QA notes check (default: {config.glossary_path()})",
    )
    add_db_option(export)
    export.set_defaults(func=run_export)

    back = subparsers.add_parser(
        "import",
        help="import targets edited in another tool from an XLIFF 2 export",
        description=(
            "Read FILE, an XLIFF 2 file exported by `workbench export --format xliff` and "
            "edited in a CAT tool, and add every changed target to its document as a new "
            "revision (final/reviewed segments as confirmed). Segments saved in the "
            "workbench since the export are reported as conflicts and left alone."
        ),
    )
    back.add_argument("file", type=Path, metavar="FILE", help="the edited .xlf file")
    back.add_argument("--doc", metavar="DOC", help="document (default: the one the file names)")
    back.add_argument("--author", help="name on the new revisions (default: your user name)")
    add_db_option(back)
    back.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    target = get_language(args.tgt).code
    fmt = _format(args.format, args.out)
    with open_store_from(args) as store:
        document = store.document(args.doc)
        out = args.out or EXPORTS_DIR / export_filename(document, target, fmt)
        notes = None
        if fmt is ExportFormat.TMX and args.qa_notes:
            glossary = load_glossary(args.glossary or config.glossary_path())
            notes = qa_notes(glossary, document.source_lang, target)
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            count = export_document(store, document, target, fmt, out, args.segments, notes)
        except OSError as exc:
            raise WorkbenchError(f"cannot write {out}: {exc}") from exc
        print(f"{count} segments of {document.name!r} ({target}) → {out}", file=sys.stderr)
        if count == 0 and fmt is ExportFormat.TMX and args.segments in (None, "confirmed"):
            print(
                "no confirmed segments yet; --segments translated exports every segment "
                "with a target",
                file=sys.stderr,
            )
        return 0


def _format(name: str | None, out: Path | None) -> ExportFormat:
    if name:
        return ExportFormat(name)
    fmt = format_for_path(out, export_formats()) if out else None
    if fmt is not None:
        return ExportFormat(fmt.name)
    choices = ", ".join(f.name for f in export_formats())
    raise WorkbenchError(f"say --format {choices} (or give --out a known extension)")


def run_import(args: argparse.Namespace) -> int:
    with open_store_from(args) as store:
        document = store.document(args.doc) if args.doc else None
        author = args.author or _default_author()
        report = import_xliff_targets(
            store, args.file, author, document=document, name=str(args.file)
        )
        print(report.summary())
        return 0


def _default_author() -> str:
    try:
        return getpass.getuser() or "editor"
    except (KeyError, OSError):
        return "editor"
