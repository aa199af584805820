# Each target makes its own virtual environment when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app orientation
PORT ?= 5000

.PHONY: run test bench install install-test translations fonts migrate courses demo lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'

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

run: translations fonts demo
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

lint: install-test
	$(BIN)/ruff check orientation tests

test: install-test translations fonts lint
	$(BIN)/pytest --ignore=tests/perf $(PYTEST_ARGS)

bench: install-test translations fonts
	$(BIN)/pytest tests/perf --benchmark-only $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) instance test-results .pytest_cache
