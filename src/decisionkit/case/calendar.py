"""Working-day calendars: weekends and, optionally, French public holidays.

Durations in a case are in working days; a date is shown only when the case has a ``start``.
Day 0 is the start date itself (moved to the next working day if it is not one); a task of
``n`` working days that starts on day ``s`` ends at the close of working day ``s + n - 1``,
so a plan of ``d`` working days finishes on ``working_day(start, d - 1)``.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache

__all__ = [
    "WORKING_DAYS_PER_YEAR",
    "Calendar",
    "easter",
    "french_holidays",
    "is_working_day",
    "working_day",
]

WORKING_DAYS_PER_YEAR = 252
"""Working days in a year, used to turn durations into years (TCO, run cost)."""


def easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian calendar, anonymous algorithm of Meeus/Jones/Butcher).

    Examples
    --------
    >>> easter(2027)
    datetime.date(2027, 3, 28)
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


@lru_cache(maxsize=256)
def french_holidays(year: int) -> frozenset[dt.date]:
    """The 11 public holidays of metropolitan France (Code du travail, art. L3133-1).

    Alsace-Moselle's two extra days (Good Friday, 26 December) are not included.

    Examples
    --------
    >>> len(french_holidays(2027))
    11
    """
    e = easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    moving = [e + dt.timedelta(days=1), e + dt.timedelta(days=39), e + dt.timedelta(days=50)]
    return frozenset([dt.date(year, m, d) for m, d in fixed] + moving)


def is_working_day(day: dt.date, holidays: str = "fr") -> bool:
    """True for Monday to Friday, outside French public holidays when ``holidays="fr"``."""
    if day.weekday() >= 5:
        return False
    return not (holidays == "fr" and day in french_holidays(day.year))


def working_day(start: dt.date, n: float, holidays: str = "fr") -> dt.date:
    """The date of working day ``n`` counted from ``start`` (day 0).

    Fractional days are rounded up (a task that ends within a day ends that day).

    Examples
    --------
    >>> working_day(dt.date(2027, 1, 4), 4)  # Monday + 4 working days
    datetime.date(2027, 1, 8)
    >>> working_day(dt.date(2027, 1, 4), 5, holidays="none")
    datetime.date(2027, 1, 11)
    """

    steps = max(0, math.ceil(n - 1e-9))
    day = start
    while not is_working_day(day, holidays):
        day += dt.timedelta(days=1)
    while steps > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            steps -= 1
    return day


class Calendar:
    """Dates of working days from a start, built once and kept (``working_day`` walks day
    by day at every call: a study dates hundreds of values).

    ``date(days)`` is :meth:`SimulationResult.date`: the date a plan of ``days`` working
    days ends on (day 0 is the first working day on or after the start, rounded up).
    """

    def __init__(self, start: dt.date, holidays: str) -> None:
        self.start, self.holidays = start, holidays
        first = start
        while not is_working_day(first, holidays):
            first += dt.timedelta(days=1)
        self._days = [first]

    def date(self, days: float) -> dt.date:
        """The date a plan of ``days`` working days ends on."""
        steps = max(0, math.ceil(max(days - 1, 0) - 1e-9))
        while len(self._days) <= steps:
            day = self._days[-1] + dt.timedelta(days=1)
            while not is_working_day(day, self.holidays):
                day += dt.timedelta(days=1)
            self._days.append(day)
        return self._days[steps]
