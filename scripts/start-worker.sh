#!/bin/sh
# A Celery worker role: the queues of WORKER_QUEUES (default both: any worker can take any job,
# so a job whose worker died is run again by another). Used by docker-compose and
# scripts/prod_smoke.py.
set -eu
cd "$(dirname "$0")/.."
exec celery -A lsi worker \
  --loglevel="${LOG_LEVEL:-INFO}" \
  --concurrency="${WORKER_CONCURRENCY:-2}" \
  -Q "${WORKER_QUEUES:-celery,pdf}" \
  -n "${WORKER_NAME:-worker}@%h"
