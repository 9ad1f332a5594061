"""What the casustafel services raise when a user action is refused."""


class CaseTableError(Exception):
    """A refused action; ``message`` says why in Dutch, ``field`` names the form field it is about
    (or is empty for the form as a whole). Nothing was stored."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


class Conflict(CaseTableError):
    """Someone else changed the agenda item after the form was opened (optimistic locking)."""
