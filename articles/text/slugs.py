"""Slugs of Vietnamese titles: readable ASCII, cut at a word."""

import re

from .folding import fold

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text, max_length=200):
    """
    ASCII slug of a Vietnamese title: "Tăng cường hợp tác" → "tang-cuong-hop-tac".

    Long titles are cut at a word boundary so that the slug stays readable.
    """
    slug = _NON_WORD.sub("-", fold(text).lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
    return slug.strip("-")
