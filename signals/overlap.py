"""Keeps the overlap per address (``AddressOverlap``, the verwonderadressen) current.

Every writer of signals calls ``refresh(project_id, address_keys)`` in its own transaction,
after it has written: the rows of those addresses are recomputed, set-based, from the active
signals (delete, then one ``INSERT … SELECT … GROUP BY``). So the overview is as current as the
signals themselves: a withdrawn signal drops out in the same transaction that withdraws it.
``rebuild(project_id)`` recomputes a whole project (the retention purge, bulk loaders, and a
refresh of more than ``MAX_KEYS`` addresses).

Concurrency (PostgreSQL): two deliveries for one project may touch the same address. A
transaction-scoped advisory lock per project makes their refreshes take turns; the second
refresh runs its statements after the first transaction committed, so (read committed) it sees
the signals of both. On SQLite writes are serialised anyway.
"""
from collections.abc import Iterable

from django.db import connection, transaction

from .models import MIN_PARTNERS, AddressOverlap, Signal

# First key of the advisory lock (pg_advisory_xact_lock(int, int)): "overlap", project id.
LOCK_CLASS = 0x4F56  # "OV"
# More keys than this (a large import): recompute the whole project instead. Matching a very
# long list of keys costs more (planning a 100,000-element array alone takes ~0.5 s) than one
# streaming pass over the covering index of the project's signals.
MAX_KEYS = 1000


def _tables() -> tuple[str, str]:
    quote = connection.ops.quote_name
    return quote(AddressOverlap._meta.db_table), quote(Signal._meta.db_table)


def _id_list(column: str) -> str:
    """SQL for ",3,7,12," of the distinct values of ``column`` in a group."""
    if connection.vendor == "postgresql":
        return f"',' || string_agg(DISTINCT {column}::text, ',' ORDER BY {column}::text) || ','"
    return f"',' || group_concat(DISTINCT {column}) || ','"


def _recompute(project_id: int, keys: list[str] | None) -> None:
    """Delete and insert the rows of ``keys`` (None: of every address) of one project."""
    overlap, signals = _tables()
    postgres = connection.vendor == "postgresql"
    active = f"project_id = %s AND status = '{Signal.Status.ACTIVE}' AND address_key <> ''"
    shared, shared_params = "", []
    if keys is None:
        # First the addresses of two or more partners: one cheap streaming pass over the active
        # signals in key order (the index ``signal_once_per_partner``), no strings built. Only
        # those are then aggregated in full. The list is materialised once, so the plan does
        # not hang on table statistics, which are stale right after a bulk load.
        shared = (f"WITH shared AS {'MATERIALIZED ' if postgres else ''}(SELECT address_key "
                  f"FROM {signals} WHERE {active} GROUP BY address_key "
                  "HAVING MIN(partner_id) <> MAX(partner_id)) ")
        shared_params = [project_id]
        key_condition = " AND address_key IN (SELECT address_key FROM shared)"
        delete_params, key_params = [], []
    elif postgres:
        key_condition = " AND address_key = ANY(%s)"  # one array parameter
        delete_params = key_params = [keys]
    else:
        key_condition = f" AND address_key IN ({', '.join(['%s'] * len(keys))})"
        delete_params = key_params = list(keys)
    # Atomic on its own too (bulk loaders call it outside a transaction): the lock is held and
    # the delete and insert are seen together. Correct under READ COMMITTED, Django's default.
    with transaction.atomic(), connection.cursor() as cursor:
        if postgres:
            cursor.execute("SELECT pg_advisory_xact_lock(%s::int, %s::int)", [LOCK_CLASS, project_id])
            if keys is None:  # the streaming pass, not a hash table that spills to disk
                cursor.execute("SELECT current_setting('enable_hashagg'), "
                               "set_config('enable_hashagg', 'off', true)")
                hashagg = cursor.fetchone()[0]
        cursor.execute(f"DELETE FROM {overlap} WHERE project_id = %s"
                       f"{'' if keys is None else key_condition}", [project_id, *delete_params])
        cursor.execute(
            f"INSERT INTO {overlap} (project_id, address_key, partner_count, partner_ids, category_ids) "
            f"{shared}SELECT project_id, address_key, COUNT(DISTINCT partner_id), "
            f"{_id_list('partner_id')}, {_id_list('category_id')} FROM {signals} "
            f"WHERE {active}{key_condition} "
            "GROUP BY project_id, address_key HAVING COUNT(DISTINCT partner_id) >= %s",
            [*shared_params, project_id, *key_params, MIN_PARTNERS],
        )
        if postgres and keys is None:
            cursor.execute("SELECT set_config('enable_hashagg', %s, true)", [hashagg])


def refresh(project_id: int, address_keys: Iterable[str]) -> None:
    """Recompute the overlap of these addresses of one project from its active signals.
    Call it inside the transaction that wrote the signals, after writing them."""
    keys = sorted({key for key in address_keys if key})
    if keys:
        _recompute(project_id, keys if len(keys) <= MAX_KEYS else None)


def rebuild(project_id: int) -> None:
    """Recompute the overlap of every address of the project."""
    _recompute(project_id, None)
