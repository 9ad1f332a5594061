# The two commands of the README, and a few helpers. Everything runs from a local .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Tests use PostgreSQL and Redis at these addresses (or DATABASE_URL and CELERY_BROKER_URL);
# when nothing answers there, scripts/test_services.py starts throwaway ones for the run.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/lsi
TEST_BROKER_URL ?= redis://127.0.0.1:6379/0

NPM ?= npm

.PHONY: demo test install bench lint messages static translations

# Not editable: the project installs no packages of its own (it runs from the checkout), and an
# editable install only adds a notice of setuptools to the output.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[test]"
	touch $@

# Front end: the NL Design System CSS and axe-core from the npm registry (package-lock.json),
# copied into static/vendor/ (generated, gitignored). Without npm the pages still work, unstyled
# by the NL Design System; CI has npm.
node_modules/.installed: package.json package-lock.json
	@if command -v $(NPM) >/dev/null 2>&1; then \
	  $(NPM) ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: skipping the front-end packages (install Node.js and npm)"; fi

static: node_modules/.installed
	@if [ -d node_modules ]; then $(PYTHON) scripts/build_static.py; fi

# Compile the translations when gettext is there; the compiled .mo is committed anyway.
translations: $(VENV)/.installed
	@if command -v msgfmt >/dev/null 2>&1; then \
	  $(PY) manage.py compilemessages -l en -l nl --ignore=.venv --ignore=node_modules -v0; fi

install: $(VENV)/.installed static translations

## Update locale/en/LC_MESSAGES/django.po from the templates and code, then compile it.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=tests \
	  --ignore=staticfiles --add-location=file --no-obsolete
	$(PY) manage.py compilemessages -l en --ignore=.venv --ignore=node_modules
	@echo "Now translate the new entries (empty msgstr, or marked fuzzy) in locale/en/LC_MESSAGES/django.po and run make messages again."

# The demo: SQLite in the project folder, tasks in process, the portal's own error pages.
PORT ?= 8000
DEMO_ENV := env -u DATABASE_URL -u CELERY_BROKER_URL DJANGO_SETTINGS_MODULE=lsi.settings.demo

## Run the application with demo data: http://127.0.0.1:8000 (another port: make demo PORT=8080)
demo: install
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py seed_demo
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

## Run the whole test suite (PostgreSQL, Redis and a real Celery worker).
test: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} \
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(TEST_BROKER_URL)} \
	$(PY) scripts/test_services.py $(PY) -m pytest $(PYTEST_ARGS)

## Benchmarks on PostgreSQL (make bench; options: make bench BENCH_ARGS="--report-only --grow").
bench: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) manage.py bench $(BENCH_ARGS)

lint: install
	$(PY) -m ruff check .
