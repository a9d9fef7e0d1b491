from datetime import date, datetime, time, timedelta

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _
from django.views.generic import ListView

from .content import dates
from .content.placement import PlacedPictures
from .models import (
    Article,
    ArticleImage,
    ArticleRedirect,
    Category,
    CategoryRedirect,
    Source,
    Tag,
    published_condition,
)
from .readers.comments import comment_permission, visible_comments
from .readers.counters import count_view, remember_views
from .readers.forms import CommentForm, RatingForm
from .readers.page_cache import reader_page

LISTING_PAGE_SIZE = 20
LISTING_COUNT_CAP = 10_000
RELATED_COUNT = 6


class CappedPaginator(Paginator):
    """
    A paginator that counts at most ``LISTING_COUNT_CAP`` articles: a listing
    of a million is not counted row by row for "page 1 of N". Past the cap
    the pages end at the cap and the template says "of more than N".
    """

    @cached_property
    def _counted(self):
        # Ids only, unordered: not the cards' columns, comment counts or sort.
        return self.object_list.order_by().values("pk")[: LISTING_COUNT_CAP + 1].count()

    @cached_property
    def count(self):
        return min(self._counted, LISTING_COUNT_CAP)

    @property
    def is_capped(self):
        return self._counted > LISTING_COUNT_CAP


CARD_IMAGES = Prefetch("images", queryset=ArticleImage.objects.order_by("position", "pk"))


def for_listing(queryset, *, images=True):
    """
    What a list of article cards needs, in a fixed number of queries; with
    ``images=False`` the caller fetches pictures for several lists at once
    (``prefetch_related_objects(cards, CARD_IMAGES)``).
    """
    cards = queryset.for_cards().select_related("category", "source", "portal").with_comment_counts()
    return cards.prefetch_related(CARD_IMAGES) if images else cards


def article_page(
    request, article, template="articles/article.html", *, preview=False, comment_form=None, status=200
):
    # Worked out only when the side column is not in the cache.
    tags = SimpleLazyObject(lambda: list(article.tags.all()))
    related = SimpleLazyObject(lambda: Article.objects.published().related_to(article, tags, RELATED_COUNT))
    may_comment, comment_refusal = comment_permission(article, request.user)
    context = {
        "article": article,
        "breadcrumb": [*article.category.ancestors(), article.category] if article.category_id else [],
        "pictures": PlacedPictures(article.images.all(), article.body),
        "tags": tags,
        "related": related,
        "comments": visible_comments(request, article),
        "may_comment": may_comment,
        "comment_refusal": comment_refusal,
        "comment_form": comment_form
        or CommentForm(user=request.user, article=article, initial={"parent": request.GET.get("reply")}),
        "rating_form": RatingForm(),
        "preview": preview,
    }
    return render(request, template, context, status=status)


def published_article(slug):
    return get_object_or_404(
        Article.objects.published()
        .with_comment_counts()
        .select_related("category", "source", "portal", "author")
        .defer("search_title", "search_body", "search_document", "imported_digests"),
        slug=slug,
    )


def article_detail(request, slug):
    try:
        article = published_article(slug)
    except Http404:
        # An address the article had before an editor changed its slug.
        moved = ArticleRedirect.objects.filter(published_condition("article__"), old_slug=slug).first()
        if moved is None:
            raise
        return redirect(moved.article, permanent=True)
    # Counted before the page is looked up in the cache, so every view counts.
    viewed = count_view(request, article)
    response = reader_page(request, lambda: article_page(request, article))
    if viewed is not None:
        remember_views(request, response, viewed)
    return response


def article_print(request, slug):
    return article_page(request, published_article(slug), "articles/article_print.html")


@staff_member_required
def article_preview(request, pk):
    """Any article as readers would see it, for staff: drafts, scheduled and archived too; never counted."""
    article = get_object_or_404(
        Article.objects.select_related("category", "source", "portal", "author"), pk=pk
    )
    response = article_page(request, article, preview=True)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


class ArticleListView(ListView):
    """A paginated list of published articles; subclasses say which."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = LISTING_PAGE_SIZE
    paginator_class = CappedPaginator
    heading = ""

    def articles(self):
        return Article.objects.published().articles()

    def get_queryset(self):
        return for_listing(self.articles()).latest()

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.get_heading(), **kwargs)

    def get_heading(self):
        return self.heading


def archive_index(request):
    """The date picker's answer: the chosen day's page (today when none or an unreadable one is given)."""
    chosen = parse_day(request.GET.get("ngay", "")) or timezone.localdate()
    return redirect("articles:archive_day", chosen.year, chosen.month, chosen.day)


def parse_day(text):
    """A day as a date input sends it (2025-05-14) or as a Vietnamese reader types it (14/05/2025)."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


class DayArchiveView(ArticleListView):
    """ "Xem theo ngày": what was published on one day, Vietnam time, as the portals offer."""

    template_name = "articles/archive_day.html"

    def get(self, request, *args, **kwargs):
        try:
            self.day = date(kwargs["year"], kwargs["month"], kwargs["day"])
        except ValueError:
            raise Http404 from None
        return super().get(request, *args, **kwargs)

    def articles(self):
        start = timezone.make_aware(datetime.combine(self.day, time.min))
        return Article.objects.published().filter(
            published_at__gte=start, published_at__lt=start + timedelta(days=1)
        )

    def get_heading(self):
        return _("News of %(day)s") % {"day": dates.weekday_date(datetime.combine(self.day, time.min))}

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        following = self.day + timedelta(days=1)
        return super().get_context_data(
            day=self.day,
            today=today,
            previous_day=self.day - timedelta(days=1),
            next_day=following if following <= today else None,
            **kwargs,
        )


class LatestView(ArticleListView):
    def get_heading(self):
        return _("Latest news")


class BriefsView(ArticleListView):
    def articles(self):
        return Article.objects.published().briefs()

    def get_heading(self):
        return _("News in brief")


class CategoryView(ArticleListView):
    template_name = "articles/category.html"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An address the category had before its slug changed.
            moved = (
                CategoryRedirect.objects.select_related("category").filter(old_slug=kwargs["slug"]).first()
            )
            if moved is None:
                raise
            return redirect(moved.category, permanent=True)

    def articles(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return Article.objects.published().filter(category__in=self.category.with_descendants())

    def get_heading(self):
        return self.category.name

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category,
            breadcrumb=self.category.ancestors(),
            subcategories=self.category.children.all(),
            **kwargs,
        )


class TagView(ArticleListView):
    def articles(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().filter(tags=self.tag)

    def get_heading(self):
        return _("Tag: %(tag)s") % {"tag": self.tag.name}


class SourceView(ArticleListView):
    def articles(self):
        self.source = get_object_or_404(Source, slug=self.kwargs["slug"])
        return Article.objects.published().filter(source=self.source)

    def get_heading(self):
        return _("From %(source)s") % {"source": self.source.name}


class AuthorView(ArticleListView):
    def articles(self):
        authors = get_user_model().objects.filter(articles__isnull=False).distinct()
        self.author = get_object_or_404(authors, username=self.kwargs["username"])
        return Article.objects.published().filter(author=self.author)

    def get_heading(self):
        return _("By %(author)s") % {"author": self.author.get_full_name() or self.author.get_username()}
