#!/bin/sh
# The one beat process (the nightly tasks). Exactly one runs. Used by docker-compose and
# scripts/prod_smoke.py.
set -eu
cd "$(dirname "$0")/.."
exec celery -A lsi beat --loglevel="${LOG_LEVEL:-INFO}" --schedule "${BEAT_SCHEDULE:-/tmp/celerybeat-schedule}"
