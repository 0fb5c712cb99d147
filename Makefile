# Two commands for a fresh clone: `make run` starts the bot, `make test` runs the tests.
# Both create .venv and install what they need the first time.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run sandbox test lint manifest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/coachbot run

sandbox: $(STAMP)
	$(BIN)/coachbot sandbox

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python scripts/check_manifest.py manifest.yml

manifest: $(STAMP)
	$(BIN)/python scripts/check_manifest.py manifest.yml

bench: $(STAMP)
	$(BIN)/python bench/delivery.py

clean:
	rm -rf $(VENV) *.egg-info
