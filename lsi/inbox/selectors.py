"""Mijn taken: every app's tasks for the user, nearest deadline first."""
from casetable import worklist as case_table_tasks
from lsi.learning import worklist as evaluation_tasks
from projects import worklist
from signals import worklist as signal_tasks


def my_tasks(user, *, stalled_projects=()) -> list[worklist.Task]:
    if not user.is_authenticated:
        return []
    return worklist.in_order([
        *worklist.tasks(user, stalled_projects),
        *signal_tasks.tasks(user),
        *case_table_tasks.tasks(user),
        *evaluation_tasks.tasks(user),
    ])
