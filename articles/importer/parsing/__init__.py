"""
Read one scraped news-portal page and find its article: pure functions,
text in, ``ParsedPage`` out, no database.

``page.py`` decides the article from what each line is (``lines.py``),
reading dates with ``dates.py``, recovering flattened pages with
``flattened.py`` and the lists of other news with ``briefs.py``. Known
phrases live in ``vocabulary/portal_pages.toml``, not in code.
"""

from .lines import parse_source_line, parse_tags_line, parse_views
from .page import parse_page, portal_domain
from .results import PageError, ParsedBrief, ParsedImage, ParsedPage, identity_key

__all__ = [
    "PageError",
    "ParsedBrief",
    "ParsedImage",
    "ParsedPage",
    "identity_key",
    "parse_page",
    "parse_source_line",
    "parse_tags_line",
    "parse_views",
    "portal_domain",
]
