"""
Accent-insensitive search, the same on SQLite and PostgreSQL.

Every searchable record stores its text folded once, in Python (accents
and đ removed, lower case, words separated by single spaces): a title part
ranked high and a body part. A query is folded the same way, so "hop tac
dan do" and "hợp tác dẫn độ" are the same words on both databases. A record
matches when every word of the query is a whole word of its text.

On PostgreSQL each record also keeps ``search_document``, its weighted,
positional tsvector (title words A, body words C), written by a trigger
whenever the search text changes — through save, bulk_create or the
importer's COPY alike — and indexed with GIN. Matching is ``@@`` on it.

Ranking every match of a common word made one search read every row that
holds it (5–11 s with 15,000 rows). ``SearchHits`` ranks only the newest
``CANDIDATES`` matches — found through the index, or by walking the
newest-first index when the word is everywhere — by relevance, and lists
the rest newest first; counts stop at ``COUNT_LIMIT``.
"""

import json
import re
from contextlib import contextmanager
from functools import cached_property

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connection, models, transaction
from django.db.models import Case, ExpressionWrapper, F, FloatField, Func, Subquery, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .text.folding import fold_aligned
from .text.searchable import MAX_WORD_LENGTH, index_text, search_words

MAX_QUERY_WORDS = 12
# The newest matches ranked by relevance; a search never ranks more than these.
CANDIDATES = 500
# Counts stop here: "more than 10,000 results".
COUNT_LIMIT = 10_000
# An estimate this many times the cap is trusted to be past it: the planner's
# guesses for full-text matches are off by a few times, not by fifty.
ESTIMATE_MARGIN = 5


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
    # Written by the database (PostgreSQL trigger) from the two above; empty on SQLite.
    search_document = SearchVectorField(_("search document"), null=True, editable=False)

    class Meta:
        abstract = True

    def search_parts(self):
        """(title text, body text) to index."""
        raise NotImplementedError

    def update_search_text(self):
        title, body = self.search_parts()
        self.search_title = index_text(title)
        self.search_body = index_text(*body)


def _phrase(words, weight=""):
    return " <-> ".join(f"{word}{weight}" for word in words)


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
    return _ranked(_matches(queryset, words), words)


def beginning_with(queryset, query):
    """
    The records of ``queryset`` whose title holds every word of ``query``,
    the last one as a beginning: what a reader typing "hop ta" may be
    looking for ("Hợp tác …"). PostgreSQL answers from the search index
    (a prefix query on the title's words); SQLite matches between spaces.
    """
    words = search_words(query)[:MAX_QUERY_WORDS]
    if not words:
        return queryset.none()
    *whole, beginning = words
    if connection.vendor == "postgresql":
        terms = [f"{word}:A" for word in whole] + [f"{beginning}:*A"]
        return queryset.filter(search_document=_tsquery(" & ".join(terms)))
    queryset = queryset.annotate(search_title_padded=_padded("search_title"))
    for word in whole:
        queryset = queryset.filter(search_title_padded__contains=f" {word} ")
    return queryset.filter(search_title_padded__contains=f" {beginning}")


def _matches(queryset, words):
    if connection.vendor == "postgresql":
        return queryset.filter(search_document=_tsquery(" & ".join(words)))
    queryset = queryset.annotate(search_padded=_padded("search_title", "search_body"))
    for word in words:
        queryset = queryset.filter(search_padded__contains=f" {word} ")
    return queryset


def _tsquery(text):
    return SearchQuery(text, search_type="raw", config="simple")


def _padded(*fields):
    parts = [Value(" ")]
    for name in fields:
        parts += [F(name), Value(" ")]
    return Concat(*parts, output_field=TextField())


def _ranked(queryset, words):
    if connection.vendor == "postgresql":
        phrase_rank = Case(
            When(search_document=_tsquery(_phrase(words, ":A")), then=Value(2.0)),
            When(search_document=_tsquery(_phrase(words)), then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        closeness = SearchRank(
            F("search_document"), _tsquery(" & ".join(words)), cover_density=True, normalization=32
        )
        return queryset.annotate(rank=ExpressionWrapper(phrase_rank + closeness, output_field=FloatField()))
    phrase = f" {' '.join(words)} "
    queryset = queryset.annotate(
        search_text_padded=_padded("search_title", "search_body"), search_title_padded=_padded("search_title")
    )
    phrase_rank = Case(
        When(search_title_padded__contains=phrase, then=Value(2.0)),
        When(search_text_padded__contains=phrase, then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    in_title = [
        Case(When(search_title_padded__contains=f" {word} ", then=Value(1.0)), default=Value(0.0))
        for word in words
    ]
    share_in_title = sum(in_title[1:], in_title[0]) / Value(float(len(words)) + 1)
    return queryset.annotate(rank=ExpressionWrapper(phrase_rank + share_in_title, output_field=FloatField()))


@contextmanager
def search_transaction(milliseconds):
    """
    A transaction for searching: no PostgreSQL statement in it runs longer
    than ``milliseconds`` (one that does is cancelled with an
    OperationalError instead of holding a worker), and none scans a whole
    table. Matching on a sequential scan reads every row's search vector out
    of TOAST, a cost the planner does not count: for a common word it chose
    that over the GIN index and took six times as long. SQLite has neither
    setting and runs as it is.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true), set_config('enable_seqscan', 'off', true)",
                    [str(int(milliseconds))],
                )
        yield


def estimated_rows(queryset):
    """PostgreSQL's estimate of the rows ``queryset`` matches (from its statistics, nothing read); 0 elsewhere."""
    if connection.vendor != "postgresql":
        return 0
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return plan[0]["Plan"]["Plan Rows"]


class SearchHits:
    """
    The records of ``queryset`` matching ``query``, best first: the first
    ``CANDIDATES`` matches in ``order`` (newest first, say) by rank, then the
    others in ``order``. Sliced like a queryset (a Paginator takes it);
    ``count()`` stops at ``COUNT_LIMIT`` (``more`` says it stopped).
    """

    def __init__(self, queryset, query, *, order):
        self.words = search_words(query)[:MAX_QUERY_WORDS]
        self.queryset = queryset
        self.order = [*order, "pk"]
        self.matches = _matches(queryset, self.words) if self.words else queryset.none()

    def count(self):
        return min(self._count, COUNT_LIMIT)

    @cached_property
    def _count(self):
        if estimated_rows(self.matches) > COUNT_LIMIT * ESTIMATE_MARGIN:
            # Far past the cap: "more than 10,000" without reading them (at a
            # million articles, reading 10,001 matches of a common word from
            # the index took 230 ms of a 275 ms search).
            return COUNT_LIMIT + 1
        return self.matches.order_by()[: COUNT_LIMIT + 1].count()

    @property
    def more(self):
        """Whether there are more matches than the count says."""
        return self._count > COUNT_LIMIT

    def __len__(self):
        return self.count()

    @cached_property
    def _ranked_ids(self):
        candidates = self.matches.order_by(*self.order).values("pk")[:CANDIDATES]
        ranked = _ranked(self.queryset.filter(pk__in=Subquery(candidates)), self.words)
        return list(ranked.order_by("-rank", *self.order).values_list("pk", flat=True))

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else len(self)
        ids = self._ranked_ids[start:stop]
        if stop > CANDIDATES and len(self._ranked_ids) == CANDIDATES:
            rest = self.matches.order_by(*self.order).values_list("pk", flat=True)
            ids += list(rest[max(start, CANDIDATES) : stop])
        records = self.queryset.defer("search_title", "search_body", "search_document").in_bulk(ids)
        return [records[pk] for pk in ids if pk in records]

    def __iter__(self):
        return iter(self[:])


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
    folded = fold_aligned(text)
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


# What the trigger writes: the title's words weighted A, the body's C, with
# positions for phrases and closeness. A body too long for a positional
# tsvector (1 MB) keeps its words without positions, so it is still found;
# one with too many different words even for that, only its title: a record
# is never refused for its search text.
_DOCUMENT_FUNCTION = """
CREATE OR REPLACE FUNCTION newsroom_search_document() RETURNS trigger AS $$
DECLARE
    title tsvector := setweight(to_tsvector('simple', coalesce(NEW.search_title, '')), 'A');
BEGIN
    NEW.search_document := title || setweight(to_tsvector('simple', coalesce(NEW.search_body, '')), 'C');
    RETURN NEW;
EXCEPTION WHEN program_limit_exceeded THEN
    BEGIN
        NEW.search_document := title
            || setweight(array_to_tsvector(array_remove(string_to_array(NEW.search_body, ' '), '')), 'C');
    EXCEPTION WHEN program_limit_exceeded THEN
        NEW.search_document := title;
    END;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""


def document_index_operations(app_label, model_name, index_name):
    """
    Migration operations that, on PostgreSQL, keep the model's
    ``search_document`` written by a trigger, fill it for the stored rows and
    make the GIN index hold it instead of the set of words.
    """
    from django.db import migrations

    def install(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model(app_label, model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        trigger = schema_editor.quote_name(f"{model._meta.db_table}_search_document")
        schema_editor.execute(_DOCUMENT_FUNCTION)
        schema_editor.execute(
            f"CREATE TRIGGER {trigger} BEFORE INSERT OR UPDATE OF search_title, search_body ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION newsroom_search_document()"
        )
        # Setting the text to itself fires the trigger for every stored row.
        schema_editor.execute(f"UPDATE {table} SET search_title = search_title")
        schema_editor.remove_index(model, _gin(word_vector(), index_name))
        schema_editor.add_index(model, _gin(F("search_document"), index_name))

    def uninstall(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model(app_label, model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        trigger = schema_editor.quote_name(f"{model._meta.db_table}_search_document")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        schema_editor.remove_index(model, _gin(F("search_document"), index_name))
        schema_editor.add_index(model, _gin(word_vector(), index_name))

    return [migrations.RunPython(install, uninstall)]


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
