"""Our TMX in OmegaT itself: its shipped TMX 1.4 DTD, a headless import, and back.

Runs where OmegaT is installed (Debian: `apt-get install omegat`, which brings Java);
skipped elsewhere. OmegaT applies TMX files in a project's `tm/auto/` folder to untranslated
segments, so translating a project in console mode shows whether it read our export.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from workbench.exchange.tmx import read_tmx, write_tmx
from workbench.exchange.units import PROP_ORIGIN, PROP_STATUS, TranslationUnit

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
FIXTURE_DTD = Path(__file__).parent.parent / "fixtures" / "tmx14.dtd"

pytestmark = pytest.mark.skipif(
    not OMEGAT_JAR.exists() or shutil.which("java") is None,
    reason="OmegaT is not installed (apt-get install omegat)",
)

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0">
  <source_dir>__DEFAULT__</source_dir><target_dir>__DEFAULT__</target_dir>
  <tm_dir>__DEFAULT__</tm_dir><glossary_dir>__DEFAULT__</glossary_dir>
  <glossary_file>__DEFAULT__</glossary_file><dictionary_dir>__DEFAULT__</dictionary_dir>
  <source_lang>en</source_lang><target_lang>{target}</target_lang>
  <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
  <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
  <sentence_seg>true</sentence_seg><support_default_translations>true</support_default_translations>
  <remove_tags>false</remove_tags>
</project></omegat>
"""

SENTENCES = {
    "ur": [
        ("Relations between Pakistan and Afghanistan have hit another low.",
         "پاکستان اور افغانستان کے تعلقات ایک بار پھر نچلی سطح پر آ گئے ہیں۔"),
        ("Two days ago, the prime minister called on Kabul.",
         "دو دن پہلے وزیر اعظم نے کابل سے مطالبہ کیا۔"),
    ],
    "fa-AF": [
        ("Relations between Pakistan and Afghanistan have hit another low.",
         "روابط میان پاکستان و افغانستان بار دیگر به پایین\u200cترین سطح رسیده است."),
        ("Two days ago, the prime minister called on Kabul.",
         "دو روز پیش، صدراعظم از کابل خواست."),
    ],
    "ps": [
        ("Relations between Pakistan and Afghanistan have hit another low.",
         "د پاکستان او افغانستان اړیکې یو ځل بیا ټیټې کچې ته رسېدلې دي."),
        ("Two days ago, the prime minister called on Kabul.",
         "دوه ورځې وړاندې لومړي وزیر له کابل څخه وغوښتل."),
    ],
}  # fmt: skip


def test_the_fixture_dtd_declares_what_omegat_ships_as_tmx14_dtd():
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        shipped = etree.DTD(jar.open("schemas/tmx14.dtd"))
    ours = etree.DTD(str(FIXTURE_DTD))

    def declarations(dtd: etree.DTD) -> list:
        return sorted(
            (
                element.name,
                element.type,
                str(element.content),
                sorted(
                    (a.name, a.type, a.default, a.default_value) for a in element.iterattributes()
                ),
            )
            for element in dtd.iterelements()
        )

    assert declarations(ours) == declarations(shipped)


@pytest.mark.parametrize("target", ["ur", "fa-AF", "ps"])
def test_omegat_imports_the_export_and_translates_with_it(tmp_path, target):
    project = tmp_path / "project"
    for folder in ("source", "target", "tm/auto", "omegat", "glossary", "dictionary"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT.format(target=target), encoding="utf-8")
    pairs = SENTENCES[target]
    (project / "source" / "doc.txt").write_text(
        "\n\n".join(source for source, _ in pairs) + "\n", encoding="utf-8"
    )
    write_tmx(
        (
            TranslationUnit(
                "en",
                source,
                {target: text},
                props=((PROP_ORIGIN, "human"), (PROP_STATUS, "confirmed")),
            )
            for source, text in pairs
        ),
        project / "tm" / "auto" / "workbench.tmx",
    )
    result = subprocess.run(
        ["java", "-Djava.awt.headless=true", "-jar", str(OMEGAT_JAR), str(project),
         "--mode=console-translate"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    translated = (project / "target" / "doc.txt").read_text(encoding="utf-8")
    assert translated.strip().split("\n\n") == [text for _, text in pairs]
    # And back: the memories OmegaT exports for the project import into ours unchanged.
    for level in ("omegat", "level1", "level2"):
        units = list(read_tmx(project / f"project-{level}.tmx"))
        assert [(u.source, u.targets) for u in units] == [
            (source, {target: text}) for source, text in pairs
        ], level
