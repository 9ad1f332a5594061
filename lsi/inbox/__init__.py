"""Mijn taken: the start page with what waits for this user now, gathered from each app's
``worklist.tasks(user)``."""
