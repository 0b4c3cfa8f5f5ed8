# Two commands on a fresh machine: `make serve` and `make test` (Python 3.11+, make, git).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ADDR   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# The build engine, the one line to switch (README "Dependencies"): mkdocs (MkDocs 1.6.1) or
# properdocs (ProperDocs 1.6.7, the maintained fork that loads the same plugins and hooks).
ENGINE ?= mkdocs
LOCK   := $(if $(filter properdocs,$(ENGINE)),requirements-properdocs.txt,requirements.txt)
STAMP  := $(if $(filter properdocs,$(ENGINE)),-properdocs,)
export HANDBOOK_ENGINE := $(ENGINE)
# Every install checks the sha256 of every file against the lock (`make lock` writes them).
PIP := $(BIN)/pip install -q --disable-pip-version-check --require-hashes

.PHONY: serve serve-nginx build check data test test-fast test-properdocs audit bench lock clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip

# Stamp files (one set per engine): reinstall only when a requirements file changes or the engine
# switches (an install removes the other engine's stamps).
$(VENV)/.docs-installed$(STAMP): $(LOCK) pyproject.toml | $(BIN)/python
	@rm -f $(VENV)/.docs-installed* $(VENV)/.test-installed*
	$(PIP) -r $(LOCK)
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

$(VENV)/.test-installed$(STAMP): $(LOCK) requirements-dev.txt $(VENV)/.docs-installed$(STAMP)
	$(PIP) -r requirements-dev.txt
	@touch $@

serve: $(VENV)/.docs-installed$(STAMP)  ## live-reloading site: Russian at /, English at /en/
	$(BIN)/$(ENGINE) serve -f mkdocs.yml --dev-addr $(ADDR) --livereload

build: $(VENV)/.docs-installed$(STAMP)  ## strict build into site/
	$(BIN)/$(ENGINE) build -f mkdocs.yml --strict

serve-nginx: build  ## the production server config locally: nginx over site/ on 127.0.0.1:8080
	$(BIN)/python -m tools.serve_nginx --site site --port 8080

check: $(VENV)/.test-installed$(STAMP)  ## the source-level validator, warnings are errors
	$(BIN)/python scripts/validate.py --strict

data: $(VENV)/.docs-installed$(STAMP)  ## the data files against their schemas, no build
	$(BIN)/python -m handbook.cli data

test-fast: $(VENV)/.test-installed$(STAMP)  ## the inner loop: validator + every test that needs no browser and no extra build (< 1 min)
	$(BIN)/python scripts/validate.py --strict
	$(BIN)/python -m pytest -q -m "not browser and not slow"

test: $(VENV)/.test-installed$(STAMP)  ## every check: validator, build tests, browser tests
	@if [ -f scripts/validate.py ]; then $(BIN)/python scripts/validate.py --strict; fi
	$(BIN)/python -m pytest -m "not lighthouse"

audit: $(VENV)/.test-installed$(STAMP)  ## Lighthouse: scores of every category, then performance (median of runs); needs node/npm
	$(BIN)/python -m pytest -q -m lighthouse
	$(BIN)/python -m handbook.cli audit

bench: $(VENV)/.test-installed$(STAMP)  ## validator vs mkdocs build on synthetic sites
	$(BIN)/python -m handbook.cli bench

# The build on ProperDocs once, and the build tests that need no browser on its output (CI, after
# `make test`): a venv layered over .venv (a .pth file) with only the pins that differ, hash-checked.
PD_VENV := .venv-properdocs
PD_TESTS := tests/test_dependencies.py::test_the_build_runs_on_the_locked_engine tests/test_foundation.py tests/test_parity.py tests/test_search.py
test-properdocs: $(VENV)/.test-installed  ## the site and its build tests on ProperDocs (the fallback engine)
	rm -rf $(PD_VENV) && $(PYTHON) -m venv --without-pip $(PD_VENV)
	$(BIN)/python -c 'import site, sys; print("import site; site.addsitedir(%r)" % site.getsitepackages()[0])' \
	  > "$$($(PD_VENV)/bin/python -c 'import site; print(site.getsitepackages()[0])')/base-venv.pth"
	$(BIN)/python scripts/lock.py --engine-only > $(PD_VENV)/engine.txt
	$(BIN)/pip --python $(PD_VENV)/bin/python install -q --disable-pip-version-check --require-hashes --no-deps -r $(PD_VENV)/engine.txt
	HANDBOOK_ENGINE=properdocs $(PD_VENV)/bin/python -m pytest -q -p no:cacheprovider --basetemp=$(PD_VENV)/tmp \
	  -m "not browser" $(PD_TESTS)

# pip-tools' pip-compile, pinned, in a throwaway venv: hashes for every file the index serves.
# Update one package: `make lock UPGRADE=name` (a direct dependency: change its pin in pyproject.toml first).
PIP_TOOLS := pip-tools==7.7.0
lock:  ## regenerate requirements*.txt (hashed) from pyproject.toml, keeping the other pins
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install -q --disable-pip-version-check $(PIP_TOOLS)
	.lock-venv/bin/python scripts/lock.py $(if $(UPGRADE),--upgrade-package $(UPGRADE))
	rm -rf .lock-venv

clean:
	rm -rf site .pytest_cache test-artifacts .lock-venv $(PD_VENV)
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
