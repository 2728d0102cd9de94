# The two commands of the README: `make run` (whole system locally) and `make test`.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

SAM_VENV := .venv-sam
SAM := $(SAM_VENV)/bin/sam

.PHONY: run test test-all lint sam-build clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/billma local

# cfn-lint runs in the quick suite (tests/integration/test_template.py), not a second time here.
# pytest keeps Python's bytecode cache even where the environment turns it off
# (PYTHONDONTWRITEBYTECODE): without it, every worker compiles the sources and rewrites the tests'
# asserts again, about 5 s of CPU each per run.
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	env -u PYTHONDONTWRITEBYTECODE $(VENV)/bin/pytest --hypothesis-profile=repeatable $(PYTEST_ARGS)

# Everything, as .ci/run does: the quick suite above, then the slow and end-to-end tests.
test-all: test
	env -u PYTHONDONTWRITEBYTECODE $(VENV)/bin/pytest --hypothesis-profile=repeatable -m 'slow or e2e' -n 0

# The cloud build, proven: aws-sam-cli in its own venv (its pinned dependencies stay out of the
# dev one), `sam validate --lint`, `sam build` (makefile method: no Docker), then the artifacts
# checked as Lambda will load them (sizes, aarch64 / Python 3.13 wheels, handlers).
$(SAM):
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install --quiet --upgrade pip
	$(SAM_VENV)/bin/pip install --quiet aws-sam-cli

sam-build: $(SAM)
	SAM_CLI_TELEMETRY=0 $(SAM) validate --lint --template template.yaml
	SAM_CLI_TELEMETRY=0 PIP="$(abspath $(SAM_VENV))/bin/python -m pip" $(SAM) build --template template.yaml
	$(SAM_VENV)/bin/python infra/check_sam_build.py --build-dir .aws-sam/build

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) $(SAM_VENV) .aws-sam .mypy_cache .pytest_cache .ruff_cache
