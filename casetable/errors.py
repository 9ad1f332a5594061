"""What the casustafel services raise when a user action is refused."""
from projects.refusals import Refused


class CaseTableError(Refused):
    """A refused casustafel action; ``message`` says why, ``field`` names the form field."""


class Conflict(CaseTableError):
    """Someone else changed the agenda item after the form was opened (optimistic locking)."""
