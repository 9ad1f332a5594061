#!/bin/sh
# Once per release, before the web processes start: the database migrations. A separate role so
# that several web nodes never migrate at the same time.
set -eu
cd "$(dirname "$0")/.."
exec python manage.py migrate --noinput
