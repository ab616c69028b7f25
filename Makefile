# Every target builds its own virtual environment from pyproject.toml, so the
# two commands of the README work on a fresh machine with only python3 and make.
PYTHON ?= python3
DEMO_VENV := .venv-demo
TEST_VENV := .venv-test
DOCS_VENV := .venv-docs
FLOORS_VENV := .venv-floors
PYTEST_ARGS ?= -n 2

.PHONY: demo test test-floors docs lint format bench evidence study clean

$(DEMO_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(DEMO_VENV)
	$(DEMO_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(TEST_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(TEST_VENV)
	$(TEST_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test,benchmarks,dask,lightgbm]"
	@# torch only from a wheel on disk (pip's find-links), never from the
	@# index, whose Linux torch pulls gigabytes of CUDA packages; its small
	@# dependencies do come from the index. pip's own errors while it looks
	@# for the wheel are silenced: without one, one line says what happens.
	@if $(TEST_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
		--no-index --no-deps torch >/dev/null 2>&1; then \
		$(TEST_VENV)/bin/python -m pip install --quiet --disable-pip-version-check torch; \
	else \
		echo "torch: no local wheel found, so the PyTorch example will be skipped (CONTRIBUTING.md says how to install the CPU build)"; \
	fi
	touch $@

# The oldest versions pyproject.toml declares, exactly: .ci/floors.py turns
# each lower bound into a pin, polars and pyarrow (the test extra's floors) too, to
# read tables at the narwhals floor; skops and the benchmark packages are left
# out, and their tests skip.
$(FLOORS_VENV)/.installed: pyproject.toml .ci/floors.py
	$(PYTHON) -m venv $(FLOORS_VENV)
	$(PYTHON) .ci/floors.py pyproject.toml > $(FLOORS_VENV)/constraints.txt
	$(FLOORS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
		-c $(FLOORS_VENV)/constraints.txt -e . "pytest>=8" "pytest-xdist>=3" "hypothesis>=6.100" \
		pyarrow polars
	touch $@

$(DOCS_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(DOCS_VENV)
	$(DOCS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e ".[docs]"
	touch $@

## make demo: install in .venv-demo and cross-validate a model with and without mixup
demo: $(DEMO_VENV)/.installed
	$(DEMO_VENV)/bin/mixup-sklearn demo

## make test: install the test, benchmark, dask and lightgbm extras in .venv-test,
## lint, and run
## the whole suite (the evidence benchmark's quick mode included)
test: $(TEST_VENV)/.installed
	$(TEST_VENV)/bin/ruff check .
	$(TEST_VENV)/bin/ruff format --check .
	$(TEST_VENV)/bin/python -m pytest $(PYTEST_ARGS)

## make test-floors: the suite in .venv-floors, with exactly the oldest versions
## of numpy, scipy, scikit-learn, imbalanced-learn, sklearn-compat, narwhals and
## pandas that pyproject.toml declares
test-floors: $(FLOORS_VENV)/.installed
	$(FLOORS_VENV)/bin/python -m pip freeze --disable-pip-version-check \
		| grep -iE '^(numpy|scipy|scikit-learn|imbalanced-learn|sklearn-compat|narwhals|pandas)=='
	$(FLOORS_VENV)/bin/python -m pytest $(PYTEST_ARGS)

## make docs: install the docs extras in .venv-docs and build the HTML (with the
## gallery) into docs/_build/html; any Sphinx warning fails the build (-W).
docs: $(DOCS_VENV)/.installed
	MPLBACKEND=Agg $(DOCS_VENV)/bin/python -m sphinx -W --keep-going -b html docs docs/_build/html

format: $(TEST_VENV)/.installed
	$(TEST_VENV)/bin/ruff check --fix .
	$(TEST_VENV)/bin/ruff format .

## make bench: the speed and memory benchmark of the core sampler
bench: $(TEST_VENV)/.installed
	$(TEST_VENV)/bin/python benchmarks/bench_speed.py

## make evidence: the earlier, descriptive evidence benchmark, superseded by `make study`
## (~15 min on 2 idle cores); writes benchmarks/results/
## (`python -m benchmarks.evidence --quick` writes to a temporary folder instead)
evidence: $(TEST_VENV)/.installed
	@# --max-rows 600: every table subsampled to 600 rows, so the full run takes
	@# about 15 minutes on 2 idle cores (the committed results were made so).
	$(TEST_VENV)/bin/python -m benchmarks.evidence --max-rows 600 --skip-speed

## make study: issue 22's pre-registered study (benchmarks/study/PREREGISTRATION.md):
## mixup and CutMix against early-stopped, regularised PyTorch baselines on 9 tables;
## about 40 min on 2 cores; writes benchmarks/results/study/ (logits and report.md).
## It needs torch, which the test environment installs from a local wheel; a run that
## stopped resumes where it was. (`python -m benchmarks.study --quick`: < 1 min, temp folder.)
study: $(TEST_VENV)/.installed
	$(TEST_VENV)/bin/python -m benchmarks.study

clean:
	rm -rf $(DEMO_VENV) $(TEST_VENV) $(DOCS_VENV) $(FLOORS_VENV) docs/_build docs/auto_examples \
		docs/gen_modules
