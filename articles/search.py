"""
Accent-insensitive search, the same on SQLite and PostgreSQL.

Every searchable record stores its text folded once, in Python (accents
and đ removed, lower case, words separated by single spaces): a title part
ranked high and a body part. A query is folded the same way, so "hop tac
dan do" and "hợp tác dẫn độ" are the same words on both databases.
PostgreSQL matches the words with its full-text search over a GIN index;
SQLite matches each word between spaces. Either way a record matches when
every word of the query is a whole word of its text.
"""

import html
import re
import string
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.models import Case, ExpressionWrapper, F, FloatField, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .vietnamese import fold

_ALNUM = set(string.ascii_lowercase + string.digits)
_TAG = re.compile(r"<[^>]+>")
_NOT_ASCII_OR_MARK = re.compile("[^\x00-\x7f\u0300-\u036f]+")
MAX_QUERY_WORDS = 12

# ASCII bytes → themselves when [a-z0-9], lower case when [A-Z], else a space.
_WORD_BYTES = bytes(
    byte if chr(byte) in _ALNUM else byte + 32 if chr(byte) in string.ascii_uppercase else 32
    for byte in range(256)
)


def index_text(*parts):
    """
    How text is stored for search: its folded words, space-separated.
    "Hợp tác, DẪN ĐỘ!" → "hop tac dan do".

    Marks are split off (NFD) and dropped, other non-ASCII characters (dashes,
    quotes, other scripts) become spaces, then one byte table lower-cases and
    blanks the rest: several times faster than a regex over every letter,
    and this runs on every article saved.
    """
    text = " ".join(part for part in parts if part).replace("đ", "d").replace("Đ", "D")
    decomposed = _NOT_ASCII_OR_MARK.sub(" ", unicodedata.normalize("NFD", text))
    data = decomposed.encode("ascii", "ignore")
    return b" ".join(data.translate(_WORD_BYTES).split()).decode("ascii")


def search_words(text):
    """The folded words of a text: "Hợp tác, dẫn độ!" → ["hop", "tac", "dan", "do"]."""
    return index_text(text).split()


def html_text(markup):
    """Plain text of the sanitised HTML the newsroom stores."""
    return html.unescape(_TAG.sub(" ", markup or ""))


def search_vector():
    return SearchVector("search_title", weight="A", config="simple") + SearchVector(
        "search_body", weight="C", config="simple"
    )


class Searchable(models.Model):
    """A record findable by the site search; subclasses say what text it has."""

    search_title = models.TextField(_("search title"), blank=True, editable=False)
    search_body = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        abstract = True

    def search_parts(self):
        """(title text, body text) to index."""
        raise NotImplementedError

    def update_search_text(self):
        title, body = self.search_parts()
        self.search_title = index_text(title)
        self.search_body = index_text(*body)


def matching(queryset, query):
    """
    The records of ``queryset`` whose text holds every word of ``query``,
    annotated with a ``rank``, higher is better; none for an empty query.

    On both databases the words as a phrase rank first (in the title above
    the body); within that, PostgreSQL orders by cover density (words close
    together count more) and SQLite by the share of the words in the title.
    """
    words = search_words(query)[:MAX_QUERY_WORDS]
    if not words:
        return queryset.none()
    phrase = f" {' '.join(words)} "
    queryset = queryset.annotate(
        search_padded=Concat(
            Value(" "), F("search_title"), Value(" "), F("search_body"), Value(" "), output_field=TextField()
        ),
        search_title_padded=Concat(Value(" "), F("search_title"), Value(" "), output_field=TextField()),
    ).annotate(
        phrase_rank=Case(
            When(search_title_padded__contains=phrase, then=Value(2.0)),
            When(search_padded__contains=phrase, then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(" & ".join(words), search_type="raw", config="simple")
        vector = search_vector()
        return (
            queryset.annotate(search=vector)
            .filter(search=tsquery)
            .annotate(
                rank=F("phrase_rank") + SearchRank(vector, tsquery, cover_density=True, normalization=32)
            )
        )
    for word in words:
        queryset = queryset.filter(search_padded__contains=f" {word} ")
    in_title = [
        Case(When(search_title_padded__contains=f" {word} ", then=Value(1.0)), default=Value(0.0))
        for word in words
    ]
    share_in_title = sum(in_title[1:], in_title[0]) / Value(float(len(words)) + 1)
    return queryset.annotate(
        rank=ExpressionWrapper(F("phrase_rank") + share_in_title, output_field=FloatField())
    )


def _folded_with_offsets(text):
    """The text folded character by character, so positions match the original."""
    return "".join((fold(ch)[:1] or ch).lower() for ch in text)


def _densest_span(spans, folded, reach):
    """Where the most different query words meet within ``reach`` characters; the earliest of equals."""
    best, best_count = None, 0
    for index, (first, _end) in enumerate(spans):
        words = set()
        for start, end in spans[index:]:
            if start >= first + reach:
                break
            words.add(folded[start:end])
        if len(words) > best_count:
            best, best_count = first, len(words)
    return best


def highlight(text, query, *, width=220):
    """
    A snippet of ``text`` around the first word of ``query`` it contains,
    HTML-escaped, with the query's words marked — in the original spelling.
    """
    text = " ".join((text or "").split())
    words = set(search_words(query))
    if not text:
        return ""
    folded = _folded_with_offsets(text)
    spans = [match.span() for match in re.finditer(r"[a-z0-9]+", folded) if match.group() in words]
    start = 0
    anchor = _densest_span(spans, folded, width // 2)
    if anchor is not None and anchor > width // 3:
        start = text.rfind(" ", 0, anchor - width // 3) + 1
    end = min(len(text), start + width)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    pieces, cursor = [], start
    for first, last in spans:
        if first < start or last > end:
            continue
        pieces.append(escape(text[cursor:first]))
        pieces.append(f"<mark>{escape(text[first:last])}</mark>")
        cursor = last
    pieces.append(escape(text[cursor:end]))
    snippet = "".join(pieces)
    return mark_safe(("… " if start else "") + snippet + (" …" if end < len(text) else ""))


def search_index_operations(app_label, model_name, index_name, text_of):
    """
    Migration operations that fill a model's search text and, on PostgreSQL,
    add the GIN index its full-text matching uses. ``text_of(row)`` gives
    (title, body parts) for a historical row.
    """
    from django.contrib.postgres.indexes import GinIndex
    from django.db import migrations

    def fill(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = list(model.objects.using(schema_editor.connection.alias).all())
        for row in rows:
            title, body = text_of(row)
            row.search_title, row.search_body = index_text(title), index_text(*body)
        model.objects.using(schema_editor.connection.alias).bulk_update(
            rows, ["search_title", "search_body"], batch_size=500
        )

    index = GinIndex(search_vector(), name=index_name)

    def add_index(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            model = apps.get_model(app_label, model_name)
            schema_editor.add_index(model, index)

    def remove_index(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            model = apps.get_model(app_label, model_name)
            schema_editor.remove_index(model, index)

    return [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(add_index, remove_index),
    ]
