"""`workbench segment FILE [--lang CODE] [--spans]`: print a document's sentences.

One sentence per line on stdout. A sentence that runs over a soft line break inside a
paragraph is printed on one line (its line breaks become spaces). With `--spans` each line is
`PARAGRAPH<TAB>START<TAB>END<TAB>SENTENCE`, with 0-based paragraph numbers and character
offsets into the decoded file.
"""

from __future__ import annotations

import argparse
import re
import sys

from workbench.documents import read_document
from workbench.languages import LANGUAGES, get_language
from workbench.segment import segment_document

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `segment` command to the CLI's subparsers."""
    parser = subparsers.add_parser(
        "segment",
        help="split a text document into sentences, one per line",
        description="Split a UTF-8 text document into sentences and print one per line.",
    )
    parser.add_argument("file", metavar="FILE", help="the document (UTF-8 plain text)")
    parser.add_argument(
        "--lang",
        default="en",
        help=f"language of the document: {', '.join(LANGUAGES)} (default: en)",
    )
    parser.add_argument(
        "--spans",
        action="store_true",
        help="prefix each sentence with its paragraph number and character span (tab-separated)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the sentences of `args.file`; raises `WorkbenchError` for bad input."""
    language = get_language(args.lang)
    text = read_document(args.file)
    segments = segment_document(text, language.code, path=str(args.file))
    spans = getattr(args, "spans", False)
    out = sys.stdout
    for seg in segments:
        line = _LINE_BREAK.sub(" ", seg.text)
        if spans:
            out.write(f"{seg.paragraph}\t{seg.start}\t{seg.end}\t{line}\n")
        else:
            out.write(f"{line}\n")
    out.flush()
    return 0
