"""HTML and markdown built from document and editor text: escaped, with script direction."""

from __future__ import annotations

from workbench.ui.rendering import markdown_text


def test_markdown_text_escapes_markdown_and_streamlit_directives():
    typed = "**bold** :red[alert] $x$ [link](javascript:alert(1)) <b>tag</b>"
    escaped = markdown_text(typed)
    assert escaped == (
        r"\*\*bold\*\* \:red\[alert\] \$x\$ \[link\]\(javascript\:alert\(1\)\) "
        r"\<b\>tag\<\/b\>"
    )


def test_markdown_text_leaves_letters_digits_and_arabic_script_alone():
    assert markdown_text("Amina Khan 3 تحریک") == "Amina Khan 3 تحریک"
