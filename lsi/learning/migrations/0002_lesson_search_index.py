"""The Dutch full-text index of the lessons register (PostgreSQL only; the demo on SQLite
searches by substring). Its expression is ``querysets.SEARCH_VECTOR_SQL``."""
from django.db import migrations

INDEX = "learning_lesson_search_nl"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from lsi.learning.querysets import SEARCH_VECTOR_SQL

    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON learning_lesson USING gin (({SEARCH_VECTOR_SQL}))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
