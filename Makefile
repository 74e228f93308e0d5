# Two entry points for a fresh machine with Python 3.11+ and make:
#   make demo   - create .venv, install factcheck, check the bundled example article
#   make test   - create .venv, install factcheck with its test tools, run lint, types and tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup browser demo test lint pytest bench clean

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip "setuptools>=77"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP) browser

# The HTML report is tested in Debian's headless Chromium. Installed when missing
# and we may (root, apt-get): CI runs as root on Debian; elsewhere the tests say
# what is missing.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; \
	  else \
	    echo "make: chromium and chromium-driver are missing (install them as root: apt-get install -y chromium chromium-driver)"; \
	  fi; \
	fi

demo: $(STAMP)
	$(BIN)/factcheck examples/nato-vilnius-2023.txt --published 2023-07-04

lint: $(STAMP)
	$(BIN)/ruff check factcheck cli.py tests benchmarks scripts
	$(BIN)/ruff format --check factcheck cli.py tests benchmarks scripts
	$(BIN)/mypy

pytest: setup
	$(BIN)/python -m pytest

test: lint pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
