"""Quarters of the calendar: pure functions without Django (the capacity figures count per
quarter)."""
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1-4

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        following = self.next()
        return following.first_day - timedelta(days=1)

    def next(self) -> "Quarter":
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    @property
    def label(self) -> str:
        return f"{self.year} K{self.number}"


def quarter_of(day: date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def span(first: Quarter, count: int) -> list[Quarter]:
    """``count`` quarters from ``first`` on."""
    quarters = [first]
    while len(quarters) < count:
        quarters.append(quarters[-1].next())
    return quarters


def covering(start: date, end: date) -> list[Quarter]:
    """The quarters a period from ``start`` to ``end`` (inclusive) touches."""
    if end < start:
        return []
    quarters, current, last = [], quarter_of(start), quarter_of(end)
    while True:
        quarters.append(current)
        if current == last:
            return quarters
        current = current.next()


def of_year(year: int) -> list[Quarter]:
    return span(Quarter(year, 1), 4)
