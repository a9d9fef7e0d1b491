"""The lists of other news around an article: each teaser becomes a brief."""

from dataclasses import replace
from datetime import datetime, time

from ...text.dates import PORTAL_TIME_ZONE
from .results import ParsedBrief
from .text import PORTAL_CODE, is_headline, next_filled, previous_filled


def _teaser_date(line):
    """The single date of a teaser's date line ("08:22 17/06/2025", "Văn hóa 12/01/2026"), or None."""
    meta = line.meta
    if meta is None or len(meta.dates) != 1 or meta.weekday or meta.views is not None or meta.byline:
        return None
    return meta.dates[0]


def find_briefs(lines, skip, portal):
    """
    Teasers: a title (sometimes printed twice), a time or "category date"
    line, then a one-line summary. ``skip`` holds indexes that belong to the
    article and cannot be teasers.
    """
    briefs, seen = [], set()
    used = set()
    for index, line in enumerate(lines):
        printed = None if index in skip else _teaser_date(line)
        if printed is None:
            continue
        title_index = previous_filled(lines, index)
        if title_index is None or title_index in skip or title_index in used:
            continue
        title_line = lines[title_index]
        if title_line.breaks_prose or title_line.image is not None or not is_headline(title_line.text):
            continue
        owned = {index, title_index}
        twin = previous_filled(lines, title_index)
        if twin is not None and twin not in skip and lines[twin].key == title_line.key:
            owned.add(twin)
        summary = _summary(lines, index, skip)
        if summary is not None:
            owned.add(summary)
        used |= owned
        when = (
            printed.when
            if printed.precision != "day"
            else datetime.combine(printed.when.date(), time(0), PORTAL_TIME_ZONE)
        )
        key = (title_line.key, when)
        if key in seen:
            continue
        seen.add(key)
        briefs.append(
            ParsedBrief(
                title=title_line.text,
                published_at=when,
                summary=PORTAL_CODE.sub("", lines[summary].text) if summary is not None else "",
                category=line.meta.category,
                portal=portal,
                published_precision=printed.precision,
            )
        )
    return [replace(brief, portal=portal) for brief in briefs]


def _summary(lines, date_index, skip):
    after = next_filled(lines, date_index)
    if after is None or after in skip or lines[after].breaks_prose:
        return None
    following = next_filled(lines, after)
    next_is_teaser_title = following is not None and _teaser_date(lines[following]) is not None
    if next_is_teaser_title or lines[after].words < 6:
        return None
    return after
