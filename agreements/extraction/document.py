"""
The text every finder reads: sentences and paragraphs, the folded text
(same length, so a match in one is at the same place in the other), the
date expressions of each sentence and the years relative dates lean on.
"""

import re
from bisect import bisect_left, bisect_right, insort
from typing import NamedTuple

from articles.text.folding import fold_aligned
from articles.text.sentences import sentence_spans

from .dates import find_date_expressions, year_anchors

# "ngày 12/3 năm 2013": a year this close after a date without one is its year.
YEAR_AFTER_CHARS = 16


class Sentence(NamedTuple):
    start: int
    end: int
    text: str
    paragraph: int


class Document:
    def __init__(self, text, published):
        self.text = text
        self.published = published
        self.folded = fold_aligned(text)
        self.sentences = list(self._split())
        self._starts = [sentence.start for sentence in self.sentences]
        self._dates = {}
        self.years = year_anchors(self.text, self.folded)

    def _split(self):
        for number, paragraph in enumerate(re.finditer(r"[^\n]+", self.text)):
            for start, end in sentence_spans(paragraph.group()):
                text = paragraph.group()[start:end]
                yield Sentence(paragraph.start() + start, paragraph.start() + end, text.strip(), number)

    def dates_in(self, sentence):
        """The date expressions of a sentence, found once however often they are asked for."""
        if sentence.start not in self._dates:
            self._dates[sentence.start] = find_date_expressions(sentence)
        return self._dates[sentence.start]

    def sentence_at(self, position):
        return self.sentences[max(bisect_right(self._starts, position) - 1, 0)]

    def year_for(self, position, month=None):
        """
        The year a date without one ("ngày 26/4") at ``position`` means: a
        year written right after it ("ngày 12/3 năm 2013"), else the
        article's own — the year before when the month is more than two
        after the article's (a January article's "ngày 28/12") —, else the nearest
        explicit year before it, else None.
        """
        sentence = self.sentence_at(position)
        after = [
            a
            for a in self.years
            if position < a.start <= position + YEAR_AFTER_CHARS and a.start < sentence.end
        ]
        if after:
            return after[0].year
        if self.published:
            late = month is not None and month > self.published.month + 2
            return self.published.year - 1 if late else self.published.year
        before = [anchor.year for anchor in self.years if anchor.start < position]
        return before[-1] if before else None


class Spans:
    """
    Character spans taken so far, asked whether a new one lies inside one of
    them. Only the spans that start less than the longest span's length
    before it can hold it, so a sorted list answers without a scan.
    """

    def __init__(self):
        self._spans, self._longest = [], 0

    def add(self, start, end):
        insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)

    def _starting_near(self, start, end):
        index = bisect_left(self._spans, (end,))
        while index:
            index -= 1
            span_start, span_end = self._spans[index]
            if span_start < start - self._longest:
                return
            yield span_start, span_end

    def cover(self, start, end):
        return any(s <= start and end <= e for s, e in self._starting_near(start, end))
