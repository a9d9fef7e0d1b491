"""
Where an article's pictures go: the lead picture at the top (and on lists
and share cards), pictures given a paragraph inside the text after it, the
rest above the text in their order. Pure functions over the pictures already
loaded with the article and its stored (sanitised) body.
"""

from functools import cached_property
from html import escape

import lxml.html
from lxml import etree


def lead_picture(pictures):
    """The picture chosen as lead, else the first with a file; None if no picture has one."""
    with_file = [picture for picture in pictures if picture.has_file]
    return next((picture for picture in with_file if picture.is_lead), with_file[0] if with_file else None)


class PlacedPictures:
    """
    Split the body into its top-level blocks and hang each picture after the
    block it asks for; a picture asking for a paragraph past the end goes
    after the last one. Imported pictures without a file, and with no
    caption to show, are left out. Worked out only when a page asks (the
    text is usually in the fragment cache; the lead is needed for the
    share card).
    """

    def __init__(self, pictures, body):
        self._pictures = pictures
        self._body = body

    @cached_property
    def shown(self):
        return [picture for picture in self._pictures if picture.has_file or picture.caption]

    @cached_property
    def lead(self):
        return lead_picture(self.shown)

    @cached_property
    def _placed(self):
        blocks = [(html, []) for html in top_level_blocks(self._body)]
        above = []
        for picture in self.shown:
            if picture is self.lead:
                continue
            if picture.after_paragraph and blocks:
                blocks[min(picture.after_paragraph, len(blocks)) - 1][1].append(picture)
            else:
                above.append(picture)
        return above, blocks

    @property
    def above(self):
        return self._placed[0]

    @property
    def blocks(self):
        return self._placed[1]


def top_level_blocks(body):
    """The HTML of each top-level element of ``body``; loose text becomes a block of its own."""
    if not body or not body.strip():
        return []
    try:
        fragments = lxml.html.fragments_fromstring(body)
    except (etree.ParserError, ValueError):
        return [body]
    blocks = []
    for fragment in fragments:
        if isinstance(fragment, str):
            if fragment.strip():
                blocks.append(escape(fragment, quote=False))
            continue
        tail, fragment.tail = fragment.tail, None
        blocks.append(lxml.html.tostring(fragment, encoding="unicode"))
        if tail and tail.strip():
            blocks.append(escape(tail, quote=False))
    return blocks
