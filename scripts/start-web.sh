#!/bin/sh
# The web role: gunicorn with the production settings. docker-compose and scripts/prod_smoke.py
# both start the web processes with this script.
set -eu
cd "$(dirname "$0")/.."
# No access log of gunicorn's own: it would write query strings (an address searched for);
# lsi.logs writes one JSON line per request instead.
# --preload: the application is loaded once, in the master, and each worker is a fork of it, so
# the worker that --max-requests replaces starts at once instead of importing Django again while
# the others carry its load. The master opens no database connection (lsi.wsgi only builds the
# application); each worker opens its own.
exec gunicorn lsi.wsgi:application \
  --preload \
  --bind "${WEB_BIND:-0.0.0.0:8000}" \
  --workers "${WEB_WORKERS:-3}" \
  --timeout "${WEB_TIMEOUT:-60}" \
  --graceful-timeout 30 \
  --max-requests 2000 --max-requests-jitter 200
