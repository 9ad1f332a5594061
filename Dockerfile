FROM node:20-bookworm-slim AS frontend
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=lsi.settings.production
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
COPY --from=frontend /app/node_modules ./node_modules
RUN python scripts/build_static.py && rm -rf node_modules \
 && SECRET_KEY=build-only-build-only-build-only-build-only-build-only-x \
    python manage.py collectstatic --noinput \
 && useradd --system --uid 1000 --user-group lsi
USER lsi
EXPOSE 8000
CMD ["scripts/start-web.sh"]
