"""`packages add-nllb DIR`: checking an NLLB-200 directory and remembering it in engines.json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.fixtures.nllb_model import make_nllb_model
from workbench import config
from workbench.engines import engine_settings, nllb, packages
from workbench.engines.nllb import NllbEngine
from workbench.errors import MissingModelError, WorkbenchError


@pytest.fixture
def nllb_copy(nllb_model_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the tiny model that a test may damage."""
    return Path(shutil.copytree(nllb_model_dir, tmp_path / "nllb-copy"))


def test_add_nllb_records_the_directory_in_the_engine_settings(nllb_model_dir):
    info = packages.add_nllb(nllb_model_dir)
    recorded = json.loads(config.engines_file().read_text(encoding="utf-8"))
    assert recorded == {"nllb": {"path": str(nllb_model_dir.resolve())}}
    assert info.target_languages == {"en", "ur", "fa-AF", "fa", "ps"}


def test_registered_model_is_read_back_from_the_settings(nllb_model_dir):
    packages.add_nllb(nllb_model_dir)
    assert nllb.registered_model().path == nllb_model_dir.resolve()


def test_engine_settings_live_under_workbench_home(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "wb"))
    assert config.engines_file() == tmp_path / "wb" / "engines.json"


def test_directory_without_the_source_language_token_is_rejected(tmp_path):
    model = make_nllb_model(tmp_path / "no-eng", language_tokens=("pbt_Arab", "prs_Arab"))
    with pytest.raises(WorkbenchError, match="no eng_Latn token"):
        packages.add_nllb(model)
    assert engine_settings.nllb_dir() is None


def test_directory_without_any_target_language_token_is_rejected(tmp_path):
    model = make_nllb_model(tmp_path / "no-targets", language_tokens=("eng_Latn", "fra_Latn"))
    with pytest.raises(WorkbenchError, match=r"none of the target language tokens.*pbt_Arab"):
        packages.add_nllb(model)


def test_directory_without_the_sentencepiece_model_names_the_missing_file(nllb_copy):
    (nllb_copy / "sentencepiece.bpe.model").unlink()
    with pytest.raises(WorkbenchError, match=r"missing sentencepiece\.bpe\.model.*--copy_files"):
        packages.add_nllb(nllb_copy)


def test_directory_without_model_files_names_each_of_them(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(WorkbenchError) as error:
        packages.add_nllb(tmp_path / "empty")
    for name in ("model.bin", "config.json", "sentencepiece.bpe.model", "shared_vocabulary"):
        assert name in str(error.value)


def test_a_file_instead_of_a_directory_is_rejected(tmp_path):
    file = tmp_path / "model.bin"
    file.write_bytes(b"")
    with pytest.raises(WorkbenchError, match="not a directory"):
        packages.add_nllb(file)


def test_a_failed_add_keeps_the_model_registered_before(nllb_model_dir, tmp_path):
    packages.add_nllb(nllb_model_dir)
    (tmp_path / "empty").mkdir()
    with pytest.raises(WorkbenchError):
        packages.add_nllb(tmp_path / "empty")
    assert engine_settings.nllb_dir() == nllb_model_dir.resolve()


def test_model_without_the_pashto_token_covers_the_other_targets_only(tmp_path):
    tokens = ("eng_Latn", "prs_Arab", "pes_Arab", "urd_Arab")
    packages.add_nllb(make_nllb_model(tmp_path / "no-pashto", language_tokens=tokens))
    engine = NllbEngine()
    assert engine.covers("en", "ur")
    assert not engine.covers("en", "ps")
    with pytest.raises(MissingModelError, match=r"ps \(pbt_Arab\)"):
        engine.translate_batch(["Hello."], "en", "ps")


def test_a_registered_directory_that_disappeared_gives_a_clear_error(nllb_copy):
    packages.add_nllb(nllb_copy)
    shutil.rmtree(nllb_copy)
    assert not NllbEngine().covers("en", "ps")
    with pytest.raises(WorkbenchError, match="add-nllb DIR"):
        NllbEngine().translate_batch(["Hello."], "en", "ps")


def test_no_registered_model_says_how_to_get_one():
    with pytest.raises(MissingModelError, match=r"convert .*add-nllb DIR"):
        NllbEngine().translate_batch(["Hello."], "en", "ps")


def test_unreadable_engine_settings_name_the_file():
    config.engines_file().parent.mkdir(parents=True, exist_ok=True)
    config.engines_file().write_text("{not json", encoding="utf-8")
    with pytest.raises(WorkbenchError, match=r"engines\.json: unreadable"):
        nllb.registered_model()


def test_remove_nllb_forgets_the_directory_and_keeps_its_files(nllb_model_dir):
    packages.add_nllb(nllb_model_dir)
    assert packages.remove_nllb()
    assert nllb.registered_model() is None
    assert (nllb_model_dir / "model.bin").is_file()
