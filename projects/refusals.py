"""What a service raises when it refuses a user action."""


class Refused(Exception):
    """A refused action: ``message`` says why (translated, for the user), ``field`` names the
    form field it is about (empty: the form as a whole). Nothing was stored.

    ``problems`` holds every problem of the submission as (field, message) pairs, so that a form
    shows them all at once; ``message`` and ``field`` are then those of all and of the first.
    Each app names its own refusals as subclasses, so a caller can catch one app's refusals or
    all of them (``except Refused``) without translating one into another."""

    def __init__(self, message: str, field: str = "", *, problems=None):
        self.problems = list(problems) if problems else [(field, message)]
        message = " ".join(text for _field, text in self.problems) if problems else message
        super().__init__(message)
        self.message = message
        self.field = self.problems[0][0]


class Problems:
    """Every problem found in one submission, collected before refusing it as a whole.

    >>> problems = Problems(Refused)
    >>> problems.add("Kies een besluit.", "outcome")
    >>> problems.raise_any()  # raises Refused with every problem added
    """

    def __init__(self, refusal: type[Refused] = Refused):
        self.refusal, self.items = refusal, []

    def add(self, message, field: str = "") -> None:
        self.items.append((field, str(message)))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_any(self) -> None:
        if self.items:
            field, message = self.items[0]
            raise self.refusal(message, field, problems=self.items)


def show_on(form, error: Refused) -> None:
    """Put each problem of a refusal on the form field it is about (or on the form as a whole)."""
    for field, message in error.problems:
        form.add_error(field if field in form.fields else None, message)
