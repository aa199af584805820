# Each target makes its own virtual environment when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app orientation
PORT ?= 5000

.PHONY: run dev test bench install install-test tools translations fonts migrate courses demo lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'

# The crawl's checkers (W3C Nu HTML checker, axe-core), pinned in tests/tools/package-lock.json;
# vnu runs with the machine's Java (--ignore-scripts: its own Java download is not wanted).
tools: tests/tools/node_modules/.package-lock.json

tests/tools/node_modules/.package-lock.json: tests/tools/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix tests/tools --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else \
	  echo "npm is missing: the crawl test will be skipped (apt-get install nodejs npm default-jre-headless)"; \
	fi

translations: install
	$(FLASK) translate compile

migrate: install
	$(FLASK) db upgrade

courses: migrate
	$(FLASK) courses load

demo: courses
	$(FLASK) demo load

fonts: install
	$(FLASK) certificates fonts

# The production server (gunicorn.conf.py: one process, threads) and the task queue's consumer
# (imports, cohort certificates); Ctrl-C stops both. `make dev` reloads on edits.
run: translations fonts demo
	@$(FLASK) jobs consume & jobs=$$!; \
	trap 'kill -INT $$jobs 2>/dev/null; wait $$jobs' EXIT; \
	trap 'exit 130' INT TERM; \
	PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py

dev: translations fonts demo
	@$(FLASK) jobs consume & jobs=$$!; \
	trap 'kill -INT $$jobs 2>/dev/null; wait $$jobs' EXIT; \
	trap 'exit 130' INT TERM; \
	$(FLASK) run --debug --host 127.0.0.1 --port $(PORT)

lint: install-test
	$(BIN)/ruff check orientation tests

test: install-test tools translations fonts lint
	$(BIN)/pytest --ignore=tests/perf $(PYTEST_ARGS)

# Benchmarks (not part of make test): tests/perf, then the app under gunicorn with wrk and
# locust; writes docs/benchmarks.md. Needs Debian's wrk (apt-get install wrk).
bench: install-test translations fonts
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,bench]'
	$(BIN)/pytest tests/perf --benchmark-only --benchmark-json=instance/bench.json $(PYTEST_ARGS)
	$(BIN)/python tests/perf/server/bench.py

clean:
	rm -rf $(VENV) instance test-results .pytest_cache tests/tools/node_modules
