#!/bin/sh
# The web role: gunicorn with the production settings. docker-compose and scripts/prod_smoke.py
# both start the web processes with this script.
set -eu
cd "$(dirname "$0")/.."
# No access log of gunicorn's own: it would write query strings (an address searched for);
# lsi.logs writes one JSON line per request instead.
exec gunicorn lsi.wsgi:application \
  --bind "${WEB_BIND:-0.0.0.0:8000}" \
  --workers "${WEB_WORKERS:-3}" \
  --timeout "${WEB_TIMEOUT:-60}" \
  --graceful-timeout 30 \
  --max-requests 2000 --max-requests-jitter 200
