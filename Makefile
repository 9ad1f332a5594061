# The two commands of the README, and a few helpers. Everything runs from a local .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Tests run against the machine's PostgreSQL and Redis unless told otherwise.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/lsi
TEST_BROKER_URL ?= redis://127.0.0.1:6379/0

.PHONY: demo test install bench lint

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

## Run the application with demo data on SQLite, tasks in process: http://127.0.0.1:8000
demo: install
	env -u DATABASE_URL -u CELERY_BROKER_URL $(PY) manage.py migrate --noinput
	env -u DATABASE_URL -u CELERY_BROKER_URL $(PY) manage.py seed_demo
	env -u DATABASE_URL -u CELERY_BROKER_URL $(PY) manage.py runserver 127.0.0.1:8000

## Run the whole test suite (PostgreSQL, Redis and a real Celery worker).
test: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} \
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(TEST_BROKER_URL)} \
	$(PY) -m pytest $(PYTEST_ARGS)

## Benchmarks on PostgreSQL, printed beside the floors of shared/perf-notes.md.
bench: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) manage.py bench

lint: install
	$(PY) -m ruff check .
