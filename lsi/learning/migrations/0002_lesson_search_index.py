"""The Dutch full-text index of the lessons register (PostgreSQL only; the demo on SQLite
searches by substring). Replaced by the index on a stored column in 0003."""
from django.db import migrations

INDEX = "learning_lesson_search_nl"
SEARCH_VECTOR_SQL = ("to_tsvector('dutch'::regconfig, coalesce(learning_lesson.theme, '') || ' ' || "
                     "coalesce(learning_lesson.text, ''))")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON learning_lesson USING gin (({SEARCH_VECTOR_SQL}))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
