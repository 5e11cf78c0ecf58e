# Two commands on a fresh machine: `make run` and `make test`.
# Each creates .venv when needed and (re)installs when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ARGS ?=

.PHONY: run test stress lint bench clean

$(BIN)/python:
	.ci/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/python main.py $(ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# The long variants of tests/reliability (crashes, copies, migrations, fuzzing): ten times
# the rounds and examples of `make test`, and fuzzing random rather than the same each run.
# Not in CI: about 6 minutes on a 2-core laptop.
stress: $(VENV)/.installed-test
	RAPPORT_STRESS=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/reliability

bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks $(ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
