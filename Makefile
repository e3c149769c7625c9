# The two commands of the README's quick start. Each installs what it needs into .venv first.
VENV ?= .venv
PYTHON ?= python3
STAMP := $(VENV)/.installed

.PHONY: build test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)  ## build the graph and print its summary
	$(VENV)/bin/govgraph build

test: $(STAMP)  ## run the test suite
	$(VENV)/bin/pytest

bench: $(STAMP)  ## benchmarks (reported, never asserted)
	$(VENV)/bin/python bench/build_bench.py
	$(VENV)/bin/python bench/query_bench.py
	$(VENV)/bin/python bench/serve_bench.py
	$(VENV)/bin/python bench/viz_bench.py

clean:
	rm -rf $(VENV) .govgraph .pytest_cache
