"""What reading a page gives: the article, its pictures, and the other news listed around it."""

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from itertools import groupby

from ...text.dates import PORTAL_TIME_ZONE
from ...text.folding import fold


class PageError(ValueError):
    """A page that cannot be imported, with a reason a person understands."""

    # ``code`` has a default so that the error survives pickling on its way
    # back from a worker process.
    def __init__(self, message, *, code="invalid"):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ParsedImage:
    original_filename: str = ""
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class ParsedBrief:
    """An item from a list of other news: title, time, summary, category."""

    title: str
    published_at: datetime | None
    summary: str = ""
    category: str = ""
    portal: str = ""
    published_precision: str = ""
    language: str = "vi"

    @cached_property
    def key(self):
        return identity_key(self.portal, self.title, self.published_at)

    @cached_property
    def fingerprint(self):
        return fingerprint([self.title, self.published_at, self.summary, self.category, self.portal])


# A paragraph of the body that is an item of a list ("• …") keeps this mark.
LIST_ITEM = "• "
# A paragraph of at least this many cells between bars is a row of a table.
TABLE_MIN_CELLS = 2


def _cells(paragraph):
    return [cell.strip() for cell in paragraph.split(" | ")]


def _block_kind(paragraph):
    if paragraph.startswith(LIST_ITEM):
        return "list"
    return "table" if len(_cells(paragraph)) >= TABLE_MIN_CELLS else "text"


@dataclass(frozen=True)
class ParsedPage:
    title: str
    paragraphs: tuple[str, ...]
    lead: str = ""
    published_at: datetime | None = None
    # "minute" when the page printed a time, "day" when only the day.
    published_precision: str = ""
    page_date: datetime | None = None
    byline: str = ""
    source: str = ""
    portal: str = ""
    category_path: tuple[str, ...] = ()
    view_count: int | None = None
    images: tuple[ParsedImage, ...] = ()
    tags: tuple[str, ...] = ()
    language: str = "vi"
    briefs: tuple[ParsedBrief, ...] = field(default=())
    # What other apps' analysers made of the page during the import (by name).
    analyses: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def text(self):
        """Title, lead and paragraphs, one a line: what an article's readers read."""
        return "\n".join([self.title, self.lead, *self.paragraphs])

    @property
    def outlet(self):
        """Who published the article: the credited source, else the portal."""
        return self.source or self.portal

    @cached_property
    def key(self):
        """Outlet, title and day: a re-scraped page has the same key."""
        return identity_key(self.outlet, self.title, self.published_at)

    @cached_property
    def alternate_key(self):
        """For a different article that happens to share outlet, title and day."""
        return identity_key(self.outlet, f"{self.title} {self.lead[:200]}", self.published_at)

    @cached_property
    def body_html(self):
        """The paragraphs as HTML: consecutive list items become one list, consecutive table rows one table."""
        parts = []
        for kind, group in groupby(self.paragraphs, key=_block_kind):
            group = list(group)
            if kind == "list":
                parts.append(
                    "<ul>{}</ul>".format(
                        "".join(f"<li>{html.escape(p.removeprefix(LIST_ITEM))}</li>" for p in group)
                    )
                )
            elif kind == "table" and len(group) > 1:
                rows = ("".join(f"<td>{html.escape(cell)}</td>" for cell in _cells(p)) for p in group)
                parts.append(
                    "<table><tbody>{}</tbody></table>".format("".join(f"<tr>{row}</tr>" for row in rows))
                )
            else:
                parts.extend(f"<p>{html.escape(paragraph)}</p>" for paragraph in group)
        return "\n".join(parts)

    @cached_property
    def fingerprint(self):
        """Changes whenever anything the article shows changes."""
        return fingerprint(
            [
                self.title,
                self.lead,
                self.paragraphs,
                self.published_at,
                self.byline,
                self.source,
                self.portal,
                self.category_path,
                self.view_count,
                [(i.original_filename, i.caption, i.credit) for i in self.images],
                sorted(self.tags),
            ]
        )

    def identify(self):
        """Work out keys and fingerprints now (in a worker process, say) rather than later."""
        for item in (self, *self.briefs):
            item.key, item.fingerprint  # noqa: B018
        self.body_html  # noqa: B018
        return self


def identity_key(outlet, title, published_at):
    """Who published what, and on which day, as a stable hash."""

    def norm(text):
        return " ".join(re.sub(r"[^\w\s]", " ", fold(text).lower()).split())

    day = published_at.astimezone(PORTAL_TIME_ZONE).date().isoformat() if published_at else ""
    return hashlib.sha256(f"{norm(outlet)}|{norm(title)}|{day}".encode()).hexdigest()


def fingerprint(values):
    return hashlib.sha256(json.dumps(values, ensure_ascii=False, default=str).encode()).hexdigest()
