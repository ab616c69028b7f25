# Every target builds its own virtual environment from pyproject.toml, so the
# two commands of the README work on a fresh machine with only python3 and make.
PYTHON ?= python3
DEMO_VENV := .venv-demo
TEST_VENV := .venv-test
PYTEST_ARGS ?= -n 2

.PHONY: demo test lint format bench clean

$(DEMO_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(DEMO_VENV)
	$(DEMO_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(TEST_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(TEST_VENV)
	$(TEST_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $@

## make demo: install in .venv-demo and cross-validate a model with and without mixup
demo: $(DEMO_VENV)/.installed
	$(DEMO_VENV)/bin/mixup-sklearn demo

## make test: install the test extras in .venv-test, lint, and run the whole suite
test: $(TEST_VENV)/.installed
	$(TEST_VENV)/bin/ruff check .
	$(TEST_VENV)/bin/ruff format --check .
	$(TEST_VENV)/bin/python -m pytest $(PYTEST_ARGS)

format: $(TEST_VENV)/.installed
	$(TEST_VENV)/bin/ruff check --fix .
	$(TEST_VENV)/bin/ruff format .

## make bench: the speed and memory benchmark of the core sampler
bench: $(TEST_VENV)/.installed
	$(TEST_VENV)/bin/python benchmarks/bench_speed.py

clean:
	rm -rf $(DEMO_VENV) $(TEST_VENV) docs/_build
