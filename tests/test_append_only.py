"""On PostgreSQL, history tables and the access log refuse UPDATE and DELETE, except through
the retention purge's documented path."""
import pytest
from django.db import DatabaseError, connection, transaction

from projects import accesslog, dbguard
from projects.models import AccessLogEntry, Project

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="the triggers exist on PostgreSQL only")


def test_every_history_table_and_the_access_log_are_guarded(db):
    tables = dbguard.guarded_tables()
    assert "projects_accesslogentry" in tables
    assert "projects_historicalproject" in tables
    assert "signals_historicalsignal" in tables
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT event_object_table FROM information_schema.triggers "
                       "WHERE trigger_name = 'lsi_append_only'")
        assert {row[0] for row in cursor.fetchall()} == set(tables)


def test_history_rows_cannot_be_changed_or_deleted(project):
    history = Project.history.model
    with pytest.raises(DatabaseError), transaction.atomic():
        history.objects.filter(id=project.pk).update(name="vervalst")
    with pytest.raises(DatabaseError), transaction.atomic():
        history.objects.filter(id=project.pk).delete()
    assert history.objects.filter(id=project.pk, name="vervalst").count() == 0


def test_access_log_entries_cannot_be_changed_or_deleted(coordinator):
    entry = accesslog.record(None, "test", user=coordinator, object_type="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).update(action="weg")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    assert AccessLogEntry.objects.get(pk=entry.pk).action == "test"


def test_the_purge_path_may_delete_history_rows(project):
    history = Project.history.model
    with dbguard.purge_allowed():
        deleted, _ = history.objects.filter(id=project.pk).delete()
    assert deleted > 0


def test_outside_the_purge_path_the_guard_is_back(project, coordinator):
    with dbguard.purge_allowed():
        pass
    entry = accesslog.record(None, "test", user=coordinator, object_type="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
