"""
Dates known only in part: "tháng 4/2023" is a month, "năm 2017" a year.

A partial date is stored as a ``date`` plus a precision. The date is pinned
to the first day of its month or year, so that sorting and filtering by year
work on every database, and shown no finer than the text gave it.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("unknown")


def pin(value, precision):
    """The stored form of a partial date: no finer than its precision allows."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    return value


def format_partial_date(value, precision):
    """Show a partial date the way Vietnamese news writes it: 26/04/2023, tháng 4/2023, 2023."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return gettext("unknown date")
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return gettext("month %(month)d/%(year)d") % {"month": value.month, "year": value.year}
    return value.strftime("%d/%m/%Y")


def precision_matches_date(date_field, precision_field):
    """A check constraint: a date is stored exactly when its precision is known."""
    return models.Q(**{f"{date_field}__isnull": True, precision_field: DatePrecision.UNKNOWN}) | (
        models.Q(**{f"{date_field}__isnull": False}) & ~models.Q(**{precision_field: DatePrecision.UNKNOWN})
    )
