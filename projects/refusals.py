"""What a service raises when it refuses a user action."""


class Refused(Exception):
    """A refused action: ``message`` says why (translated, for the user), ``field`` names the
    form field it is about (empty: the form as a whole). Nothing was stored.

    Each app names its own refusals as subclasses, so a caller can catch one app's refusals or
    all of them (``except Refused``) without translating one into another."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field
