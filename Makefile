# Two commands on a fresh machine: `make serve` and `make test` (Python 3.11+, make, git).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ADDR   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve serve-nginx build check data test test-fast audit bench lock clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip

# Stamp files: reinstall only when a requirements file changes.
$(VENV)/.docs-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

$(VENV)/.test-installed: requirements.txt requirements-dev.txt $(VENV)/.docs-installed
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

serve: $(VENV)/.docs-installed  ## live-reloading site: Russian at /, English at /en/
	$(BIN)/mkdocs serve --dev-addr $(ADDR) --livereload

build: $(VENV)/.docs-installed  ## strict build into site/
	$(BIN)/mkdocs build --strict

serve-nginx: build  ## the production server config locally: nginx over site/ on 127.0.0.1:8080
	$(BIN)/python -m tools.serve_nginx --site site --port 8080

check: $(VENV)/.test-installed  ## the source-level validator, warnings are errors
	$(BIN)/python scripts/validate.py --strict

data: $(VENV)/.docs-installed  ## the data files against their schemas, no build
	$(BIN)/python -m handbook.cli data

test-fast: $(VENV)/.test-installed  ## the inner loop: validator + every test that needs no browser and no extra build (< 1 min)
	$(BIN)/python scripts/validate.py --strict
	$(BIN)/python -m pytest -q -m "not browser and not slow"

test: $(VENV)/.test-installed  ## every check: validator, build tests, browser tests
	@if [ -f scripts/validate.py ]; then $(BIN)/python scripts/validate.py --strict; fi
	$(BIN)/python -m pytest

audit: $(VENV)/.test-installed  ## Lighthouse budgets (needs node/npm)
	$(BIN)/python -m handbook.cli audit

bench: $(VENV)/.test-installed  ## validator vs mkdocs build on synthetic sites
	$(BIN)/python -m handbook.cli bench

lock:  ## regenerate the pinned requirements from pyproject.toml
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install -q . && .lock-venv/bin/pip uninstall -q -y internet-marketer-handbook
	( head -2 requirements.txt; .lock-venv/bin/pip freeze ) > requirements.txt.new
	.lock-venv/bin/pip install -q ".[test]" && .lock-venv/bin/pip uninstall -q -y internet-marketer-handbook
	( head -3 requirements-dev.txt; .lock-venv/bin/pip freeze | grep -vxFf requirements.txt.new ) > requirements-dev.txt
	mv requirements.txt.new requirements.txt && rm -rf .lock-venv

clean:
	rm -rf site .pytest_cache test-artifacts .lock-venv
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
