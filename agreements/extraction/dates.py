"""
Dates in the forms Vietnamese news writes them, and what they mean.

A sentence's date expressions ("từ ngày 12 đến ngày 16/9", "ngày 26/4/2023",
"tháng 9/2023", "năm 2017") are found once per sentence (``Document.dates_in``).
A relative one ("ngày 26/4", "hồi tháng 4") takes its year from the nearest
explicit year before it, else from the article's date, else stays unknown.
"""

import re
from datetime import date, timedelta
from typing import NamedTuple

from articles.text.folding import match_key

from .matching import DIGIT, alternation, word_starts
from .results import DAY, MONTH, YEAR, PartialDate
from .vocabulary import FOLDED_YEAR_TARGET_WORDS

YEAR_NUMBER = re.compile(r"(19\d\d|20\d\d)(?!\d)")
PERIOD = re.compile(r"(19\d\d|20\d\d)\s*[-–]\s*(19\d\d|20\d\d)")
# In folded text, before a year: "đến năm 2020" names a target, not a time.
_TARGET_BEFORE = re.compile(rf"(?:{alternation(FOLDED_YEAR_TARGET_WORDS)}) (?:nam )?$")


class DateExpression(NamedTuple):
    start: int
    end: int
    kind: str  # range | day | month | year | weekday
    day: int | None
    month: int | None
    year: int | None
    end_day: int | None = None
    end_month: int | None = None


class YearAnchor(NamedTuple):
    """An explicit year in the text, which relative dates after it lean on."""

    start: int
    year: int


def year_anchors(text, folded):
    """Explicit years a relative date may lean on: not periods ("2016-2025"), not targets ("đến năm 2020")."""
    periods = [m.span() for m in PERIOD.finditer(text)]
    anchors = []
    for match in word_starts(YEAR_NUMBER, text, after=DIGIT):
        if any(start <= match.start() < end for start, end in periods):
            continue
        if _TARGET_BEFORE.search(folded[max(0, match.start() - 12) : match.start()]):
            continue
        anchors.append(YearAnchor(match.start(), int(match.group(1))))
    return anchors


def _range(span, groups):
    """ "từ ngày 12 đến ngày 16/9", "từ 29/6 đến 2/7/2024": a range, across months too."""
    first, first_month, last, month, year = groups
    month = int(month)
    start_month = int(first_month) if first_month else month
    if not (1 <= start_month <= 12 and 1 <= month <= 12):
        return None
    return DateExpression(*span, "range", int(first), start_month, year and int(year), int(last), month)


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"


def _english_mdy(span, groups):
    month, day, year = groups
    return _day(span, (day, str(MONTHS[month.lower()]), year))


def _english_dmy(span, groups):
    day, month, year = groups
    return _day(span, (day, str(MONTHS[month.lower()]), year))


def _english_month(span, groups):
    month, year = groups
    return DateExpression(*span, "month", None, MONTHS[month.lower()], int(year))


def _english_year(span, groups):
    return _year(span, groups)


def _weekday(span, groups):
    (name,) = groups
    return DateExpression(*span, "weekday", WEEKDAYS[name.lower()], None, None)


def _day(span, groups):
    day, month, year = groups
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return DateExpression(*span, "day", int(day), int(month), year and int(year))


def _month(span, groups):
    month, year, year_words = groups
    if not 1 <= int(month) <= 12:
        return None
    year = year or year_words
    return DateExpression(*span, "month", None, int(month), year and int(year))


def _year(span, groups):
    (year,) = groups
    return DateExpression(*span, "year", None, None, int(year))


# Tried in this order: where two expressions overlap, the earlier pattern's wins.
_DATE_PATTERNS = [
    # từ ngày 12 đến ngày 16/9[/2023]
    (
        re.compile(
            r"[Tt]ừ ngày (\d{1,2})(?:/(\d{1,2}))? (?:đến|tới) (?:ngày )?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?"
        ),
        _range,
    ),
    # ngày 26/4/2023, 26/4, Ngày 29-11
    (re.compile(r"(?:[Nn]gày\s+)?(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])"), _day),
    (re.compile(r"[Nn]gày\s+(\d{1,2})-(\d{1,2})(?:-(\d{4}))?(?![\d-])"), _day),
    # tháng 9/2023, tháng 11-2020, Tháng 4 năm 2023, hồi tháng 4
    (re.compile(r"[Tt]háng\s+(\d{1,2})(?:\s*[/-]\s*(\d{4})|\s+năm\s+(\d{4}))?(?![\d/])"), _month),
    (re.compile(r"(?:[Nn]ăm\s+)(19\d\d|20\d\d)(?![\d/-])"), _year),
    # March 13, 2025; 13 March 2025; March 13; in December 2023; in 2013; on Tuesday
    (
        re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?(?![\d:])", re.I),
        _english_mdy,
    ),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(\d{{4}}))?\b", re.I), _english_dmy),
    (re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b", re.I), _english_month),
    (re.compile(r"\b(?:in|since|from)\s+(19\d\d|20\d\d)\b"), _english_year),
    (
        re.compile(r"\b(?:on|last|this)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
        _weekday,
    ),
]


_ENGLISH_PATTERNS = frozenset({_english_mdy, _english_dmy, _english_month, _english_year, _weekday})
# A quick look for an English month or weekday before the English patterns run.
_ENGLISH_HINT = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|in |since |from |on |last |this )", re.I
)


def find_date_expressions(sentence):
    """The date expressions of a sentence, in the order they appear."""
    found, taken = [], []
    english = bool(_ENGLISH_HINT.search(sentence.text))
    for pattern, expression_of in _DATE_PATTERNS:
        if not english and expression_of in _ENGLISH_PATTERNS:
            continue
        for match in pattern.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(s < end and start < e for s, e in taken):
                continue
            expression = expression_of((start, end), match.groups())
            if expression is None:
                continue
            if expression.kind == "year" and _TARGET_BEFORE.search(
                match_key(sentence.text[: match.start()])[-12:] + " "
            ):
                continue  # "đến năm 2020" is a target, not when anything happened
            taken.append((start, end))
            found.append(expression)
    return sorted(found, key=lambda e: e.start)


def resolve(document, expression, *, range_as_month=False):
    """The date an expression means, its year taken from the text or the article's date if it gives none."""
    if expression.kind == "weekday":
        return _weekday_date(document, expression)
    year = expression.year or document.year_for(expression.start, expression.month)
    if year is None:
        return PartialDate()
    try:
        if expression.kind == "year":
            return PartialDate(date(year, 1, 1), YEAR)
        if expression.kind == "month" or (expression.kind == "range" and range_as_month):
            return PartialDate(date(year, expression.month, 1), MONTH)
        if expression.kind == "range":
            end_month = expression.end_month or expression.month
            # "từ 29/12 đến 2/1/2024": the range starts in the year before the one it ends in.
            start_year = year - 1 if end_month < expression.month else year
            return PartialDate(
                date(start_year, expression.month, expression.day),
                DAY,
                date(year, end_month, expression.end_day),
            )
        return PartialDate(date(year, expression.month, expression.day), DAY)
    except ValueError:
        return PartialDate()


def _weekday_date(document, expression):
    """ "on Tuesday": the last such day on or before the article's date; unknown without one."""
    if document.published is None:
        return PartialDate()
    back = (document.published.weekday() - expression.day) % 7
    return PartialDate(document.published - timedelta(days=back), DAY)


_PRECISION_ORDER = {"day": 0, "weekday": 0, "range": 1, "month": 2, "year": 3}


def sentence_date(document, sentence, *, range_as_month, within=None):
    """The most precise date the sentence gives (inside ``within`` if given)."""
    expressions = [
        e for e in document.dates_in(sentence) if within is None or within[0] <= e.start < within[1]
    ]
    if not expressions:
        return PartialDate()
    best = min(expressions, key=lambda e: _PRECISION_ORDER[e.kind])
    return resolve(document, best, range_as_month=range_as_month)


def year_date(year):
    """A date known to the year: what "UNGASS 2016" or "năm 2017" says."""
    return PartialDate(date(year, 1, 1), YEAR)
