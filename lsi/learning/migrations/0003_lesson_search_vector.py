"""The Dutch text vector of a lesson as a stored column (PostgreSQL computes it on every insert
and update), with the GIN index on that column instead of on the expression: the search then
reads the vector for its ranking instead of computing it again for every match.

PostgreSQL only: the model does not declare the column (``querysets.SEARCH_VECTOR`` names it),
so the demo on SQLite has none and searches by substring."""
from django.db import migrations

INDEX = "learning_lesson_search_nl"
EXPRESSION = "to_tsvector('dutch'::regconfig, coalesce(theme, '') || ' ' || coalesce(text, ''))"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"ALTER TABLE learning_lesson ADD COLUMN search_vector tsvector "
                          f"GENERATED ALWAYS AS ({EXPRESSION}) STORED")
    schema_editor.execute(f"CREATE INDEX {INDEX} ON learning_lesson USING gin (search_vector)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE learning_lesson DROP COLUMN search_vector")  # and its index
    schema_editor.execute(f"CREATE INDEX {INDEX} ON learning_lesson USING gin (({EXPRESSION}))")


class Migration(migrations.Migration):
    dependencies = [("learning", "0002_lesson_search_index")]
    operations = [migrations.RunPython(create, drop)]
