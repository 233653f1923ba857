"""With the real pretrained Argos models (translate-en_ur, translate-en_fa): the sample comes
out in Arabic script and the house terms survive. These need the real models, which cannot be
downloaded here, so they run only where `WORKBENCH_REAL_ARGOS_DIR` names an Argos packages
directory that holds them (e.g. ~/.local/share/argos-translate/packages after `make models`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fixtures.argos_package import forget_argos_translations
from workbench import config, qa
from workbench.engines.argos import ArgosEngine, find_route
from workbench.errors import MissingModelError
from workbench.glossary import load_glossary
from workbench.pipeline import glossary_totals, translate_segments
from workbench.script import latin_share
from workbench.segment import segment_document

REAL_DIR = os.environ.get("WORKBENCH_REAL_ARGOS_DIR", "")

pytestmark = [
    pytest.mark.real_model,
    pytest.mark.skipif(
        not REAL_DIR,
        reason="needs the real pretrained Argos models: set WORKBENCH_REAL_ARGOS_DIR to an "
        "Argos packages dir with translate-en_ur and translate-en_fa installed",
    ),
]


@pytest.fixture
def real_packages(monkeypatch: pytest.MonkeyPatch) -> Path:
    from argostranslate import settings

    packages = Path(REAL_DIR).expanduser()
    monkeypatch.setattr(settings, "package_dirs", [packages])
    monkeypatch.setattr(settings, "package_data_dir", packages)
    forget_argos_translations()
    yield packages
    forget_argos_translations()


def _require_route(target: str, packages: Path) -> None:
    try:
        find_route("en", target)
    except MissingModelError:
        pytest.skip(f"no real en→{target} package in {packages}")


def _sample_segments():
    return segment_document(config.SAMPLE_DOCUMENT.read_text(encoding="utf-8"), "en")


@pytest.mark.parametrize("target", ["ur", "fa-AF"])
def test_the_sample_comes_out_in_arabic_script(real_packages, target):
    _require_route(target, real_packages)
    rows = translate_segments(_sample_segments(), ArgosEngine(), "en", target)
    mostly_latin = [row.target for row in rows if latin_share(row.target) > 0.5]
    assert len(mostly_latin) <= 2, mostly_latin  # a headline name may stay Latin


@pytest.mark.parametrize("target", ["ur", "fa-AF"])
def test_every_house_term_is_enforced_or_flagged_with_a_real_model(real_packages, target):
    _require_route(target, real_packages)
    glossary = load_glossary(config.glossary_path())
    rows = translate_segments(_sample_segments(), ArgosEngine(), "en", target, glossary=glossary)
    assert glossary_totals(rows, target, glossary).found > 0
    for row in rows:  # no silent miss: a term without its approved form is flagged by name
        flagged = {flag.term for flag in row.flags}
        for coverage in qa.glossary_coverage(row.segment.text, row.target, target, glossary):
            if coverage.missing:
                assert coverage.concept.id in flagged, (row.segment.text, row.target)
