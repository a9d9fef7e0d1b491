from django.conf import settings
from django.core.paginator import Paginator
from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django_ratelimit.core import is_ratelimited

from agreements.models import Agreement
from articles.models import Article, Category
from articles.readers.visitors import visit_statistics
from articles.search import highlight, search_transaction
from articles.views import for_listing

from .search import KINDS, SearchForm, search, snippet_source

HOME_LATEST = 10
HOME_MOST_VIEWED = 5
MOST_VIEWED_DAYS = 7
HOME_CATEGORY_ITEMS = 4
HOME_CATEGORIES = 6
HOME_AGREEMENTS = 5
RESULTS_PER_PAGE = 10
PREVIEW_RESULTS = 5


def home(request):
    published = Article.objects.published().articles()
    featured = for_listing(published.featured()).latest().first() or for_listing(published).latest().first()
    others = published.exclude(pk=featured.pk) if featured else published
    categories = []
    for category in Category.objects.filter(parent=None)[:HOME_CATEGORIES]:
        articles = list(
            for_listing(others.filter(category__in=category.with_descendants())).latest()[
                :HOME_CATEGORY_ITEMS
            ]
        )
        if articles:
            categories.append((category, articles))
    context = {
        "featured": featured,
        "latest": for_listing(others).latest()[:HOME_LATEST],
        "most_viewed": published.most_viewed(days=MOST_VIEWED_DAYS)[:HOME_MOST_VIEWED],
        "briefs": Article.objects.published().briefs().latest()[:HOME_LATEST],
        "categories": categories,
        "agreements": Agreement.objects.not_rejected()[:HOME_AGREEMENTS],
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
