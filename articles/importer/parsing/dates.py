"""
Dates and times as portals print them, in Vietnamese and English: "Thứ Sáu,
ngày 07 tháng 3 năm 2025", "T6, 07/03/2025 - 09:15", "12-06-2024",
"27/02/2024 03:45:00 CH", "May 15, 2024 10:25 AM", "Published 12 June
2024", "15:30 (GMT+7)", "3:45 pm CEST", a date in a page's address. Each is
read at the precision printed (a day, or a minute) and in Vietnam time.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from ...text.dates import PORTAL_TIME_ZONE
from ...text.folding import fold

DAY = "day"
MINUTE = "minute"

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
# Offsets of the zones portals print beside a time; Vietnam time when none is printed.
ZONES = {
    "gmt": 0, "utc": 0, "ict": 7, "cet": 1, "cest": 2, "bst": 1, "est": -5, "edt": -4,
    "cst": -6, "cdt": -5, "pst": -8, "pdt": -7, "jst": 9, "kst": 9, "aest": 10, "aedt": 11,
}  # fmt: skip

_MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
# Patterns run on folded, lower-case text (same length as the original).
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})\s?([/.-])\s?(\d{1,2})\2\s?(\d{4})(?![\d/])")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?![\d/-])")
_WORDS_VI = re.compile(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,\s*)?nam\s+(\d{4})")
_ENGLISH_MDY = re.compile(rf"\b({_MONTH_NAME})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
_ENGLISH_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_NAME})\.?,?\s+(\d{{4}})\b")
_TIME = re.compile(
    r"(?<![\d:/.])(\d{1,2})\s?(?::|h|g|gio)\s?(\d{2})(?::(\d{2}))?"
    r"(?:\s?(?:phut|'))?(?:\s?(am|pm|a\.m\.|p\.m\.|sa|ch)(?![a-z]))?(?![\d/])"
)
_ZONE = re.compile(rf"\(?\s*\b(gmt|utc)\s*([+-]\s*\d{{1,2}})(?::?00)?\s*\)?|\b({'|'.join(ZONES)})\b")
# A quick look for a zone's name before the full pattern runs.
_MAY_HAVE_ZONE = re.compile(r"gmt|utc|ict|[a-z]?[ecmpbjka][sd]?t\b")
# In a page's address: "…-20240514.html", "/2024/05/14/".
_URL_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)[/-]?(\d{2})[/-]?(\d{2})(?!\d)")


@dataclass(frozen=True)
class PrintedDate:
    """A date found in a line: where, when (Vietnam time) and how precisely."""

    start: int
    end: int
    when: datetime
    precision: str

    @property
    def day(self):
        return self.when.date()


def _valid_day(year, month, day):
    try:
        return date(year, month, day)
    except ValueError:
        return None


_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# Every written day has a four-digit year; the patterns only look this far around one.
_BEFORE_YEAR, _AFTER_YEAR = 40, 12


def _year_windows(folded):
    """The stretches of ``folded`` around its four-digit years, merged where they overlap."""
    windows = []
    for match in _YEAR.finditer(folded):
        lo, hi = max(0, match.start() - _BEFORE_YEAR), min(len(folded), match.end() + _AFTER_YEAR)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    return windows


def _days(folded):
    """(start, end, date) of every day written in ``folded`` text."""
    found = set()
    for lo, hi in _year_windows(folded):
        for match in _NUMERIC.finditer(folded, lo, hi):
            if day := _valid_day(int(match[4]), int(match[3]), int(match[1])):
                found.add((match.start(), match.end(), day))
        for match in _WORDS_VI.finditer(folded, lo, hi):
            if day := _valid_day(int(match[3]), int(match[2]), int(match[1])):
                found.add((match.start(), match.end(), day))
        for match in _ENGLISH_MDY.finditer(folded, lo, hi):
            if day := _valid_day(int(match[3]), MONTHS[match[1]], int(match[2])):
                found.add((match.start(), match.end(), day))
        for match in _ENGLISH_DMY.finditer(folded, lo, hi):
            if day := _valid_day(int(match[3]), MONTHS[match[2]], int(match[1])):
                found.add((match.start(), match.end(), day))
        for match in _ISO.finditer(folded, lo, hi):
            if day := _valid_day(int(match[1]), int(match[2]), int(match[3])):
                found.add((match.start(), match.end(3), day))  # its time is read as any printed time
    found = sorted(found)
    # A day inside another (an ISO date within a longer form) counts once.
    kept = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    return kept


def _clock(match):
    hour, minute = int(match[1]), int(match[2])
    marker = (match[4] or "").replace(".", "")
    if marker in ("pm", "ch") and hour < 12:
        hour += 12
    elif marker in ("am", "sa") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _zone(folded):
    """The time zone printed in ``folded``, as an offset from UTC, or None (Vietnam time)."""
    if not _MAY_HAVE_ZONE.search(folded):
        return None
    match = _ZONE.search(folded)
    if not match:
        return None
    if match[1]:
        return timezone(timedelta(hours=int(match[2].replace(" ", ""))))
    return timezone(timedelta(hours=ZONES[match[3]]))


def find_dates(text, *, near=40):
    """
    Every date printed in ``text``, each with the time printed next to it
    (within ``near`` characters, before or after) when there is one; a time
    goes to the date nearest to it.
    """
    if not _YEAR.search(text):
        return []  # every written day has its year
    folded = fold(text).lower()
    days = _days(folded)
    times = [m for m in _TIME.finditer(folded) if not any(s <= m.start() < e for s, e, _ in days)]
    pairs = []
    for d_index, (start, end, _day) in enumerate(days):
        for t_index, match in enumerate(times):
            gap = start - match.end() if match.end() <= start else match.start() - end
            if 0 <= gap <= near:
                pairs.append((gap, d_index, t_index))
    clock_of, taken = {}, set()
    for _gap, d_index, t_index in sorted(pairs):
        if d_index in clock_of or t_index in taken:
            continue
        if _clock(times[t_index]):
            clock_of[d_index] = times[t_index]
            taken.add(t_index)
    zone = _zone(folded)
    dates = []
    for d_index, (start, end, day) in enumerate(days):
        match = clock_of.get(d_index)
        if match is None:
            dates.append(PrintedDate(start, end, datetime.combine(day, time(0), PORTAL_TIME_ZONE), DAY))
            continue
        when = datetime.combine(day, _clock(match), zone or PORTAL_TIME_ZONE).astimezone(PORTAL_TIME_ZONE)
        dates.append(PrintedDate(min(start, match.start()), max(end, match.end()), when, MINUTE))
    return dates


def date_in_address(text):
    """The day a page's address carries ("…-20240514.html"), or None."""
    for match in _URL_DATE.finditer(text):
        if day := _valid_day(int(match[1]), int(match[2]), int(match[3])):
            if 1990 <= day.year <= 2100:
                return day
    return None


def is_relative_time(text):
    """ "2 giờ trước", "5 minutes ago": a time that says nothing without the scrape date."""
    folded = fold(text).lower()
    return bool(
        re.search(
            r"\b\d+\s+(?:phut|gio|ngay|tuan)\s+truoc\b|\b\d+\s+(?:minutes?|hours?|days?)\s+ago\b", folded
        )
    )
