"""
Accent-insensitive search, the same on SQLite and PostgreSQL.

Every searchable record stores its text folded once, in Python (accents
and đ removed, lower case, words separated by single spaces): a title part
ranked high and a body part. A query is folded the same way, so "hop tac
dan do" and "hợp tác dẫn độ" are the same words on both databases.
PostgreSQL matches the words with its full-text search over a GIN index;
SQLite matches each word between spaces. Either way a record matches when
every word of the query is a whole word of its text.

The GIN index holds each record's set of words (``word_vector``): the text
is folded already, so splitting it on spaces is all PostgreSQL has to do,
where ``to_tsvector`` would parse it again on every insert (a bulk import
spent ≈ 6 % of its CPU there). Positions and weights are only needed to
rank the records found, and ``search_vector`` gives them for those alone.
"""

import html
import re
import string
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connection, models
from django.db.models import Case, ExpressionWrapper, F, FloatField, Func, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .vietnamese import fold

_ALNUM = set(string.ascii_lowercase + string.digits)
_TAG = re.compile(r"<[^>]+>")
_NOT_ASCII_OR_MARK = re.compile("[^\x00-\x7f\u0300-\u036f]+")
MAX_QUERY_WORDS = 12
# PostgreSQL cannot index longer words; to_tsvector skipped them, and so do we, on both databases.
MAX_WORD_LENGTH = 2047

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
    words = data.translate(_WORD_BYTES).split()
    if any(len(word) > MAX_WORD_LENGTH for word in words):
        words = [word for word in words if len(word) <= MAX_WORD_LENGTH]
    return b" ".join(words).decode("ascii")


def search_words(text):
    """The folded words of a text: "Hợp tác, dẫn độ!" → ["hop", "tac", "dan", "do"]."""
    return index_text(text).split()


def html_text(markup):
    """Plain text of the sanitised HTML the newsroom stores."""
    return html.unescape(_TAG.sub(" ", markup or ""))


def search_vector():
    """The record's words with their positions, title words weighted above body words: for ranking."""
    return SearchVector("search_title", weight="A", config="simple") + SearchVector(
        "search_body", weight="C", config="simple"
    )


class _WordVector(Func):
    template = "array_to_tsvector(array_remove(string_to_array(%(expressions)s, ' '), ''))"
    arg_joiner = " || ' ' || "
    output_field = SearchVectorField()


def word_vector():
    """The set of the record's words, as the GIN index holds it: for matching."""
    return _WordVector(F("search_title"), F("search_body"))


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
        return (
            queryset.annotate(search_words=word_vector())
            .filter(search_words=tsquery)
            .annotate(
                rank=F("phrase_rank")
                + SearchRank(search_vector(), tsquery, cover_density=True, normalization=32)
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
    add the GIN index its full-text matching used at first (over
    ``search_vector``; ``word_index_operations`` replaces it). ``text_of(row)``
    gives (title, body parts) for a historical row.
    """
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

    return [
        migrations.RunPython(fill, migrations.RunPython.noop),
        _replace_index(app_label, model_name, None, _gin(search_vector(), index_name)),
    ]


def word_index_operations(app_label, model_name, index_name):
    """
    Migration operations that make a model's GIN index hold its set of words
    (``word_vector``) instead of the positional ``search_vector``, first
    dropping from the stored search text any word too long for PostgreSQL.
    """
    from django.db import migrations

    def drop_long_words(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        changed = []
        for row in model.objects.using(schema_editor.connection.alias).only("search_title", "search_body"):
            title, body = _short_words(row.search_title), _short_words(row.search_body)
            if (title, body) != (row.search_title, row.search_body):
                row.search_title, row.search_body = title, body
                changed.append(row)
        model.objects.using(schema_editor.connection.alias).bulk_update(
            changed, ["search_title", "search_body"], batch_size=500
        )

    return [
        migrations.RunPython(drop_long_words, migrations.RunPython.noop),
        _replace_index(
            app_label, model_name, _gin(search_vector(), index_name), _gin(word_vector(), index_name)
        ),
    ]


def _short_words(text):
    return " ".join(word for word in text.split(" ") if word and len(word) <= MAX_WORD_LENGTH)


def _gin(expression, name):
    from django.contrib.postgres.indexes import GinIndex

    return GinIndex(expression, name=name)


def _replace_index(app_label, model_name, old, new):
    """RunPython that, on PostgreSQL, swaps index ``old`` for ``new`` (either may be None), and back."""
    from django.db import migrations

    def replace(remove, add):
        def run(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            model = apps.get_model(app_label, model_name)
            if remove is not None:
                schema_editor.remove_index(model, remove)
            if add is not None:
                schema_editor.add_index(model, add)

        return run

    return migrations.RunPython(replace(old, new), replace(new, old))
