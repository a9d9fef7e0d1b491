"""How the newsroom remembers readers without keeping their addresses."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import DailyVisits, ReaderPresence


def hash_ip(ip_address):
    """
    A keyed SHA-256 of an IP address: equal addresses give equal hashes, but
    the address cannot be read back without the site's SECRET_KEY.
    """
    if not ip_address:
        return ""
    return salted_hmac("newsroom.visitors.ip", ip_address, algorithm="sha256").hexdigest()


ONLINE_WINDOW = timedelta(minutes=5)


@dataclass(frozen=True)
class VisitStatistics:
    online: int
    today: int
    this_week: int
    this_month: int
    total: int


def visit_statistics(*, today=None):
    """
    Browsers seen in the last five minutes, and visits today, this calendar
    week (from Monday), this month and ever, counted in the site's time zone.
    """
    online = ReaderPresence.objects.filter(last_seen__gte=timezone.now() - ONLINE_WINDOW).count()
    today = today or timezone.localdate()
    week_start = today - timedelta(days=today.weekday())
    month_start = today.replace(day=1)
    totals = DailyVisits.objects.aggregate(
        today=Sum("visits", filter=Q(day=today), default=0),
        week=Sum("visits", filter=Q(day__range=(week_start, today)), default=0),
        month=Sum("visits", filter=Q(day__range=(month_start, today)), default=0),
        total=Sum("visits", default=0),
    )
    return VisitStatistics(online, totals["today"], totals["week"], totals["month"], totals["total"])
