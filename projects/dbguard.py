"""Append-only tables on PostgreSQL: history tables and the access log refuse UPDATE and DELETE.

A trigger on every ``*historical*`` table and on the access log raises an error for UPDATE and
DELETE, unless the transaction has set ``lsi.purge`` to ``on``: the one documented path, used
only by the retention purge (``purge_allowed()``). Installed after every ``migrate`` (so new
history tables are covered too); on SQLite (development) there are no triggers.
"""
from contextlib import contextmanager

from django.db import connection, transaction

FUNCTION = """
CREATE OR REPLACE FUNCTION lsi_append_only() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('lsi.purge', true), '') = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'LSI: % on % is not allowed: history and access log are append-only',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
GUARDED = """
SELECT table_name FROM information_schema.tables
WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
  AND (table_name LIKE '%%historical%%' OR table_name = 'projects_accesslogentry')
"""


def guarded_tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(GUARDED)
        return sorted(row[0] for row in cursor.fetchall())


def install() -> list[str]:
    """(Re)install the triggers; returns the guarded tables. Idempotent."""
    if connection.vendor != "postgresql":
        return []
    quote = connection.ops.quote_name
    tables = guarded_tables()
    with connection.cursor() as cursor:
        cursor.execute(FUNCTION)
        for table in tables:
            cursor.execute(f"DROP TRIGGER IF EXISTS lsi_append_only ON {quote(table)}")
            cursor.execute(
                f"CREATE TRIGGER lsi_append_only BEFORE UPDATE OR DELETE ON {quote(table)} "
                "FOR EACH ROW EXECUTE FUNCTION lsi_append_only()"
            )
    return tables


@contextmanager
def purge_allowed():
    """The retention purge's path: inside, history and access-log rows may be deleted."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lsi.purge = 'on'")
        yield
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lsi.purge = 'off'")


def delete_with_history(queryset, counts, label: str) -> None:
    """Delete the rows and their copies in the history table (inside ``purge_allowed``); add how
    many to ``counts[label]``. For the retention purge, the one path that removes history."""
    model = queryset.model
    ids = list(queryset.values_list("pk", flat=True))
    if not ids:
        return
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        model.objects.filter(pk__in=chunk).delete()
        # After the rows: deleting them writes "-" history rows, which go too.
        model.history.model.objects.filter(id__in=chunk).delete()
    counts[label] += len(ids)


def erase_history(queryset) -> None:
    """Remove the history copies of rows that stay (anonymised by the caller)."""
    model = queryset.model
    model.history.model.objects.filter(id__in=list(queryset.values_list("pk", flat=True))).delete()
