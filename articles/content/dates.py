"""Dates written the way Vietnamese news portals write them, in the site's time zone."""

from django.utils import timezone
from django.utils.translation import pgettext_lazy

WEEKDAYS = (
    pgettext_lazy("weekday", "Monday"),
    pgettext_lazy("weekday", "Tuesday"),
    pgettext_lazy("weekday", "Wednesday"),
    pgettext_lazy("weekday", "Thursday"),
    pgettext_lazy("weekday", "Friday"),
    pgettext_lazy("weekday", "Saturday"),
    pgettext_lazy("weekday", "Sunday"),
)


def _local(moment):
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def weekday_date(moment):
    """The header's date: "Thứ Ba, 24/11/2026"."""
    moment = _local(moment)
    return f"{WEEKDAYS[moment.weekday()]}, {moment:%d/%m/%Y}"


def portal_datetime(moment):
    """An article's date as the portals print it: "Thứ Bảy - 30/12/2017 04:48"."""
    moment = _local(moment)
    return f"{WEEKDAYS[moment.weekday()]} - {moment:%d/%m/%Y %H:%M}"


def portal_date(moment):
    """A day without a time, for a date the source printed without one: "Thứ Bảy - 30/12/2017"."""
    moment = _local(moment)
    return f"{WEEKDAYS[moment.weekday()]} - {moment:%d/%m/%Y}"
