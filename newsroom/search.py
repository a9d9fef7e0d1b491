"""
The site search: one box over articles, agencies, agreements and events.

Each kind is matched with ``articles.search.SearchHits`` (accent-insensitive,
whole words, the same contract on SQLite and PostgreSQL): the newest matches
ranked by relevance, then the rest newest first.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from agreements.models import Agency, Agreement, Event
from articles.models import Article, Category
from articles.search import SearchHits
from articles.text.searchable import html_text, search_words

KINDS = {
    "article": _("Articles"),
    "agency": _("Agencies"),
    "agreement": _("Agreements"),
    "event": _("Events"),
}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Everything")), *KINDS.items()])
    category = forms.ModelChoiceField(
        label=_("Category"),
        required=False,
        queryset=Category.objects.all(),
        to_field_name="slug",
        empty_label=_("All categories"),
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)


@dataclass
class SearchResults:
    query: str
    by_kind: dict = field(default_factory=dict)


def search(query, *, kind="", category=None, year=None):
    """Matches for ``query`` per kind of record, best first."""
    if not search_words(query):
        return SearchResults(query)
    wanted = [kind] if kind in KINDS else list(KINDS)
    if category is not None:
        wanted = [k for k in wanted if k == "article"]
    candidates = {
        "article": lambda: _articles(category, year),
        "agency": lambda: None if year else Agency.objects.not_rejected(),
        "agreement": lambda: _in_year(Agreement.objects.not_rejected(), "signed_on", year),
        "event": lambda: _in_year(Event.objects.not_rejected(), "start_on", year),
    }
    dates = {"agreement": "signed_on", "event": "start_on"}
    results = SearchResults(query)
    for name in wanted:
        records = candidates[name]()
        if records is None:
            continue
        if name == "article":
            order = [F("published_at").desc(nulls_last=True), F("created_at").desc()]
        else:
            order = [F(dates[name]).desc(nulls_last=True) if name in dates else F("name").asc()]
        results.by_kind[name] = SearchHits(records, query, order=order)
    return results


def _articles(category, year):
    articles = Article.objects.published().select_related("category", "source")
    if category is not None:
        articles = articles.filter(category__in=category.with_descendants())
    return _in_year(articles, "published_at", year)


def _in_year(records, date_field, year):
    return records.filter(**{f"{date_field}__year": year}) if year else records


def snippet_source(record):
    """The text a result's snippet is cut from."""
    if isinstance(record, Article):
        return f"{record.lead} {html_text(record.body)}"
    if isinstance(record, Agreement):
        return " ".join(filter(None, [record.summary, record.place]))
    return getattr(record, "description", "")
