from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.generic import ListView

from agreements.models import ArticleAgency, ArticleAgreement, ArticleEvent, ReviewStatus

from .models import Article, ArticleImage, Category, Comment, Source, Tag

LISTING_PAGE_SIZE = 20
RELATED_COUNT = 6


def for_listing(queryset):
    """What a list of article cards needs, in a fixed number of queries."""
    return queryset.select_related("category", "source", "portal").prefetch_related(
        Prefetch("images", queryset=ArticleImage.objects.order_by("position", "pk"))
    )


def cooperation_record(article):
    """The agencies, agreements and events the article names, with the sentence that says so."""

    def links(model, field):
        return (
            model.objects.filter(article=article)
            .exclude(review_status=ReviewStatus.REJECTED)
            .exclude(**{f"{field}__review_status": ReviewStatus.REJECTED})
            .select_related(field)
            .order_by("pk")
        )

    return {
        "agencies": links(ArticleAgency, "agency"),
        "agreements": links(ArticleAgreement, "agreement"),
        "events": links(ArticleEvent, "event"),
    }


def _article_page(request, article, template="articles/article.html", *, preview=False):
    related = (
        for_listing(
            Article.objects.published().filter(category=article.category).exclude(pk=article.pk)
        ).latest()[:RELATED_COUNT]
        if article.category_id
        else []
    )
    comments = (
        Comment.objects.approved()
        .filter(article=article, parent=None)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=Comment.objects.approved().select_related("user"),
                to_attr="approved_replies",
            )
        )
    )
    context = {
        "article": article,
        "breadcrumb": [*article.category.ancestors(), article.category] if article.category_id else [],
        "images": article.images.all(),
        "tags": article.tags.all(),
        "related": related,
        "record": cooperation_record(article),
        "comments": comments,
        "preview": preview,
    }
    return render(request, template, context)


def _published_article(slug):
    return get_object_or_404(
        Article.objects.published().select_related("category", "source", "portal", "author"), slug=slug
    )


def article_detail(request, slug):
    return _article_page(request, _published_article(slug))


def article_print(request, slug):
    return _article_page(request, _published_article(slug), "articles/article_print.html")


@staff_member_required
def article_preview(request, pk):
    """Any article as readers would see it, for staff: drafts, scheduled and archived too."""
    article = get_object_or_404(
        Article.objects.select_related("category", "source", "portal", "author"), pk=pk
    )
    response = _article_page(request, article, preview=True)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


class ArticleListView(ListView):
    """A paginated list of published articles; subclasses say which."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = LISTING_PAGE_SIZE
    heading = ""

    def articles(self):
        return Article.objects.published().articles()

    def get_queryset(self):
        return for_listing(self.articles()).latest()

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.get_heading(), **kwargs)

    def get_heading(self):
        return self.heading


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
