# Two commands: `make run` (the app on the bundled sample) and `make test` (the whole suite).
# Each creates .venv and installs what it needs; re-running only reinstalls when the
# requirement files change.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DOC    ?= seeds/pak-afghan-ties.en.txt
PORT   ?= 8501
# Single-user mode serves this machine only; team mode (docs/team.md) sets ADDRESS=0.0.0.0.
ADDRESS ?= 127.0.0.1
PIP    := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: run test lint format bench browser-deps models clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# torch is installed alone first so nothing resolves it to a CUDA build. The project itself is
# installed (editable) so that Streamlit's scan of installed packages finds the editor grid's
# component manifest (workbench/pyproject.toml) and serves grid.js and grid.css as files.
$(VENV)/.runtime: requirements.txt pyproject.toml | $(BIN)/python
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

## run: launch the Streamlit app on the bundled sample (installs Urdu/Dari models when online)
run: $(VENV)/.runtime
	-$(BIN)/workbench packages install-defaults
	$(BIN)/streamlit run workbench/app.py --server.address $(ADDRESS) --server.port $(PORT) \
		--server.headless true \
		--browser.gatherUsageStats false -- --doc $(DOC)

## test: lint, format check and the whole pytest suite (unit, AppTest, headless Chromium)
test: $(VENV)/.dev browser-deps
	$(BIN)/ruff check workbench tests bench
	$(BIN)/ruff format --check workbench tests bench
	$(BIN)/python -m pytest

# Headless Chromium, Noto fonts, PostgreSQL's server programs (the store tests start a
# throwaway server) and LibreOffice Writer with poppler (the Word export is checked as a
# reader sees it) and OmegaT (our TMX is imported by OmegaT itself) come from Debian; never a
# downloaded browser.
DEBIAN_TEST_PACKAGES := chromium fonts-noto-core fonts-noto-ui-core postgresql \
	libreoffice-writer-nogui poppler-utils omegat
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Nastaliq" \
		|| ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
		|| ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 \
		|| ! test -f /usr/share/omegat/OmegaT.jar; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			$(DEBIAN_TEST_PACKAGES) >/dev/null) \
		|| echo "warning: could not install $(DEBIAN_TEST_PACKAGES): the tests that need them will be skipped"; \
	fi

lint: $(VENV)/.dev
	$(BIN)/ruff check workbench tests bench
	$(BIN)/ruff format --check workbench tests bench

format: $(VENV)/.dev
	$(BIN)/ruff format workbench tests bench
	$(BIN)/ruff check --fix workbench tests bench

## models: install the Argos models for Urdu and Dari from the Argos index (online only)
models: $(VENV)/.runtime
	$(BIN)/workbench packages install-defaults

bench: $(VENV)/.dev
	$(BIN)/python bench/mt_throughput.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

## screenshots: refresh docs/screenshots from the browser tests
screenshots: $(VENV)/.dev browser-deps
	WORKBENCH_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q -m browser
