from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError, OperationalError, connection
from django.db.models import prefetch_related_objects
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django_ratelimit.core import is_ratelimited

from agreements.models import Agreement
from articles.models import Article, Category
from articles.readers.page_cache import current_generation
from articles.readers.visitors import visit_statistics
from articles.search import beginning_with, highlight, search_transaction
from articles.text.searchable import index_text
from articles.views import CARD_IMAGES, for_listing

from .search import KINDS, SearchForm, search, snippet_source

HOME_LATEST = 10
HOME_MOST_VIEWED = 5
MOST_VIEWED_DAYS = 7
# Its counts move with every view, which starts no new generation.
MOST_VIEWED_CACHE_SECONDS = 60
HOME_CATEGORY_ITEMS = 4
HOME_CATEGORIES = 6
HOME_AGREEMENTS = 5
RESULTS_PER_PAGE = 10
SUGGESTIONS = 8
SUGGESTION_MIN_CHARS = 2
SUGGESTION_QUERY_CHARS = 100
SUGGESTION_CACHE_SECONDS = 300
PREVIEW_RESULTS = 5


class HomeBlocks:
    """
    What the front page shows, each block read when the template first asks
    for it — so blocks kept as cache fragments cost no query — in a number of
    queries that does not grow with the blocks or the categories.
    """

    def __init__(self):
        self.published = Article.objects.published().articles()

    @cached_property
    def _cards(self):
        featured = for_listing(self.published.featured(), images=False).latest().first()
        newest = for_listing(self.published, images=False).latest()[: HOME_LATEST + 1]
        latest = [article for article in newest if article != featured]
        if featured is None and latest:
            featured = latest.pop(0)
        latest = latest[:HOME_LATEST]
        others = self.published.exclude(pk=featured.pk) if featured else self.published
        trees = Category.top_level_trees(limit=HOME_CATEGORIES)
        by_group = {}
        for article in for_listing(others, images=False).latest_in_groups(
            [ids for _category, ids in trees], HOME_CATEGORY_ITEMS
        ):
            by_group.setdefault(article.group, []).append(article)
        categories = [
            (category, by_group[index]) for index, (category, _ids) in enumerate(trees) if index in by_group
        ]
        cards = [*([featured] if featured else []), *latest]
        cards += [article for _category, group in categories for article in group]
        prefetch_related_objects(cards, CARD_IMAGES)
        return featured, latest, categories

    @property
    def featured(self):
        return self._cards[0]

    @property
    def latest(self):
        return self._cards[1]

    @property
    def categories(self):
        return self._cards[2]

    @cached_property
    def most_viewed(self):
        return list(self.published.for_cards().most_viewed(days=MOST_VIEWED_DAYS, limit=HOME_MOST_VIEWED))

    @cached_property
    def briefs(self):
        return list(Article.objects.published().briefs().for_cards().latest()[:HOME_LATEST])

    @cached_property
    def agreements(self):
        return list(Agreement.objects.not_rejected()[:HOME_AGREEMENTS])


def home(request):
    context = {
        "blocks": HomeBlocks(),
        "most_viewed_seconds": min(MOST_VIEWED_CACHE_SECONDS, settings.READER_FRAGMENT_CACHE_SECONDS),
        "visits": visit_statistics(),
    }
    return render(request, "home.html", context)


def search_page(request):
    form = SearchForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["q"]:
        if is_ratelimited(
            request, group="search", key="ip", rate=settings.SEARCH_RATE_PER_IP, increment=True
        ):
            return _search_refused(
                request, form, _("Too many searches from your connection. Please wait a minute."), 429
            )
        try:
            with search_transaction(settings.SEARCH_STATEMENT_TIMEOUT_MS):
                context = _search_context(request, form)
        except OperationalError:
            message = _("The search took too long. Add a word or choose a type, a category or a year.")
            return _search_refused(request, form, message, 503)
    else:
        context = {"form": form, "sections": [], "page_obj": None, "kind": "", "searched": False}
    context["query_prefix"] = urlencode(
        [(key, value) for key, value in request.GET.items() if key != "page" and value]
    )
    return render(request, "search.html", context)


@require_GET
def search_suggestions(request):
    """
    Titles of published articles for what the reader is typing (``q``),
    newest first, as JSON for the search box; accents optional. The same
    prefix asked again within a generation comes from the cache.
    """
    typed = index_text(request.GET.get("q", ""))[:SUGGESTION_QUERY_CHARS]
    if len(typed) < SUGGESTION_MIN_CHARS:
        return JsonResponse({"suggestions": []})
    if is_ratelimited(request, group="suggest", key="ip", rate=settings.SUGGEST_RATE_PER_IP, increment=True):
        return JsonResponse(
            {"suggestions": [], "error": _("Too many requests. Please wait a minute.")}, status=429
        )
    key = f"suggestions:{current_generation()}:{typed.replace(' ', '+')}"
    suggestions = cache.get(key)
    if suggestions is None:
        try:
            with search_transaction(settings.SEARCH_STATEMENT_TIMEOUT_MS):
                found = beginning_with(Article.objects.published().articles(), typed).latest()
                suggestions = [
                    {"title": title, "url": reverse("articles:article", kwargs={"slug": slug})}
                    for title, slug in found.values_list("title", "slug")[:SUGGESTIONS]
                ]
        except OperationalError:
            return JsonResponse({"suggestions": []}, status=503)
        cache.set(key, suggestions, SUGGESTION_CACHE_SECONDS)
    return JsonResponse({"suggestions": suggestions})


def _search_context(request, form):
    """Everything the results page shows, read now (inside the statement timeout)."""
    data = form.cleaned_data
    kind = data["type"]
    results = search(data["q"], kind=kind, category=data["category"], year=data["year"])
    page = None
    if kind and kind in results.by_kind:
        page = Paginator(results.by_kind[kind], RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    sections = []
    for name, hits in results.by_kind.items():
        shown = page.object_list if page is not None else hits[:PREVIEW_RESULTS]
        sections.append(
            {
                "kind": name,
                "label": KINDS[name],
                "count": hits.count(),
                "more": hits.more,
                "items": [(record, highlight(snippet_source(record), data["q"])) for record in shown],
            }
        )
    return {"form": form, "sections": sections, "page_obj": page, "kind": kind, "searched": True}


def _search_refused(request, form, message, status):
    context = {"form": form, "sections": [], "searched": False, "refusal": message}
    return render(request, "search.html", context, status=status)


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever a page links (the admin's pages link none)."""
    return redirect(static("favicon.svg"), permanent=True)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /xem-truoc/",
        "Disallow: /tim-kiem/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@never_cache
def health(request):
    """
    For load balancers: 200 when this app server reaches its database and
    its cache, 503 naming what failed otherwise. No page, no session, no count.
    """
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError:
        checks["database"] = "unreachable"
    probe = "health:" + get_random_string(12)
    try:
        cache.set(probe, 1, 10)
        checks["cache"] = "ok" if cache.get(probe) == 1 else "not storing"
        cache.delete(probe)
    except Exception:  # each cache backend raises its own errors (redis.ConnectionError …)
        checks["cache"] = "unreachable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "failing", **checks}, status=200 if healthy else 503)
