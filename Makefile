# decisionkit — two commands on a fresh machine: `make demo` and `make test`.
# Each creates .venv and installs the pinned versions (constraints.txt) on first use;
# a second run skips the install unless pyproject.toml or constraints.txt changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP_FLAGS := --quiet --disable-pip-version-check

.PHONY: demo test test-boavizta check lint install lock clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "decisionkit needs Python >= 3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_FLAGS) -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## demo: validate the bundled example cases, simulate their cost and schedule risk, assess their
## footprint, eco-design and skills, rank them, then study one of them in French
demo: $(STAMP)
	$(BIN)/decisionkit validate examples/*.yaml
	for f in examples/*.yaml; do $(BIN)/decisionkit simulate "$$f" --iterations 20000 --contributions || exit 1; done
	for f in examples/*.yaml; do $(BIN)/decisionkit assess "$$f" --iterations 20000 || exit 1; done
	for f in examples/*.yaml; do $(BIN)/decisionkit score "$$f" --iterations 20000 || exit 1; done
	$(BIN)/decisionkit study examples/si-rh.yaml --lang fr

## test: lint (ruff), format check, the test suite, then the optional boaviztapi bridge's tests
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest
	$(MAKE) test-boavizta

# boaviztapi 2.5 requires pandas < 3: its bridge is tested in a small environment of its own,
# with the core dependencies only, pinned in constraints-boavizta.txt
BZ := .venv-boavizta
BZ_STAMP := $(BZ)/.installed
BZ_DEPS := numpy scipy pandas threadpoolctl pydantic pyyaml openpyxl click rich pytest hypothesis boaviztapi

$(BZ_STAMP): pyproject.toml constraints-boavizta.txt
	test -x $(BZ)/bin/python || $(PYTHON) -m venv $(BZ)
	$(BZ)/bin/python -m pip install $(PIP_FLAGS) -c constraints-boavizta.txt $(BZ_DEPS)
	$(BZ)/bin/python -m pip install $(PIP_FLAGS) --no-deps -e .
	touch $(BZ_STAMP)

## test-boavizta: the tests of the optional boaviztapi bridge, in .venv-boavizta
test-boavizta: $(BZ_STAMP)
	$(BZ)/bin/pytest -m boavizta -p no:cacheprovider tests/sustainability/test_boavizta.py

check: test

## lock: re-resolve the newest versions allowed by pyproject.toml into constraints.txt
lock:
	rm -rf .lockenv
	$(PYTHON) -m venv .lockenv
	.lockenv/bin/python -m pip install $(PIP_FLAGS) -e '.[test]'
	.lockenv/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt
	rm -rf .lockenv

clean:
	rm -rf $(VENV) $(BZ) .pytest_cache .ruff_cache .hypothesis build dist
