# Two entry points (see README): `make run` and `make test`. Both create or update .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-test

.PHONY: run test venv report screenshot segmentation bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# reinstall whenever the project's metadata changes
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

run: venv  ## analyse data/raw into data/processed and print a summary
	$(BIN)/policytext run data/raw -o data/processed --overwrite

report: run  ## the HTML report of data/processed (opens offline)
	$(BIN)/policytext report data/processed -o data/processed/report.html

screenshot: report  ## docs/report.png for the README, with headless Chromium (Debian: apt-get install chromium)
	$(BIN)/python -m policytext.report.browser screenshot data/processed/report.html docs/report.png --width 1100 --height 900

test: venv  ## run the test suite
	$(BIN)/python -m pytest -q

segmentation: venv  ## word-segmentation F1 on UD-VTB test
	$(BIN)/python benchmarks/segmentation.py

clean:
	find data/processed -mindepth 1 ! -name .gitkeep -delete; rm -rf .pytest_cache .hypothesis
