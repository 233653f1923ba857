"""HTML and markdown built from document and editor text: escaped, with script direction."""

from __future__ import annotations

from datetime import UTC, datetime

from workbench.store import Origin, Revision, RevisionStatus
from workbench.ui.rendering import markdown_text, revision_history_table


def revision(number: int, text: str, author: str) -> Revision:
    created = datetime(2025, 9, 1, 10, number, tzinfo=UTC)
    return Revision(
        number, 7, "ur", number, text, author, created, Origin.HUMAN, RevisionStatus.DRAFT, None
    )


def test_markdown_text_escapes_markdown_and_streamlit_directives():
    typed = "**bold** :red[alert] $x$ [link](javascript:alert(1)) <b>tag</b>"
    escaped = markdown_text(typed)
    assert escaped == (
        r"\*\*bold\*\* \:red\[alert\] \$x\$ \[link\]\(javascript\:alert\(1\)\) "
        r"\<b\>tag\<\/b\>"
    )


def test_markdown_text_leaves_letters_digits_and_arabic_script_alone():
    assert markdown_text("Amina Khan 3 تحریک") == "Amina Khan 3 تحریک"


def test_history_table_escapes_text_and_author_and_shows_the_newest_first():
    table = revision_history_table(
        [revision(1, "<script>x</script>", "<img src=x>"), revision(2, "دوسرا", "bilal")], "ur"
    )
    assert "<script>" not in table and "<img" not in table
    assert "&lt;script&gt;x&lt;/script&gt;" in table and "&lt;img src=x&gt;" in table
    assert table.index("دوسرا") < table.index("&lt;script&gt;")
    assert 'dir="rtl"' in table and "Noto Nastaliq Urdu" in table
