from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from agreements.models import cooperation_record

from .models import Article, ArticleImage, Category, Comment, Source, Tag
from .readers.comments import CommentRefused, comment_permission, post_comment
from .readers.counters import BROWSER_COOKIE_AGE, count_view, remember_views, set_reader_cookie
from .readers.forms import CommentForm, RatingForm
from .readers.ratings import VOTER_COOKIE, VOTER_COOKIE_SALT, RatingRefused, rate, voter

LISTING_PAGE_SIZE = 20
RELATED_COUNT = 6
OWN_COMMENTS_SESSION_KEY = "own_comments"


def for_listing(queryset):
    """What a list of article cards needs, in a fixed number of queries."""
    return (
        queryset.select_related("category", "source", "portal")
        .with_comment_counts()
        .prefetch_related(Prefetch("images", queryset=ArticleImage.objects.order_by("position", "pk")))
    )


def _article_page(
    request, article, template="articles/article.html", *, preview=False, comment_form=None, status=200
):
    related = (
        for_listing(
            Article.objects.published().filter(category=article.category).exclude(pk=article.pk)
        ).latest()[:RELATED_COUNT]
        if article.category_id
        else []
    )
    may_comment, comment_refusal = comment_permission(article, request.user)
    context = {
        "article": article,
        "breadcrumb": [*article.category.ancestors(), article.category] if article.category_id else [],
        "images": article.images.all(),
        "tags": article.tags.all(),
        "related": related,
        "record": cooperation_record(article),
        "comments": visible_comments(request, article),
        "may_comment": may_comment,
        "comment_refusal": comment_refusal,
        "comment_form": comment_form
        or CommentForm(user=request.user, article=article, initial={"parent": request.GET.get("reply")}),
        "rating_form": RatingForm(),
        "preview": preview,
    }
    return render(request, template, context, status=status)


def visible_comments(request, article):
    """Published comments and replies, plus the reader's own ones still waiting for a moderator."""
    own = Q(pk__in=request.session.get(OWN_COMMENTS_SESSION_KEY, []))
    if request.user.is_authenticated:
        own |= Q(user=request.user)
    shown = Comment.objects.filter(
        Q(status=Comment.Status.APPROVED) | (own & Q(status=Comment.Status.PENDING))
    )
    return (
        shown.filter(article=article, parent=None)
        .select_related("user")
        .prefetch_related(Prefetch("replies", queryset=shown.select_related("user"), to_attr="shown_replies"))
    )


def _published_article(slug):
    return get_object_or_404(
        Article.objects.published().select_related("category", "source", "portal", "author"), slug=slug
    )


def article_detail(request, slug):
    article = _published_article(slug)
    viewed = count_view(request, article)
    response = _article_page(request, article)
    if viewed is not None:
        remember_views(request, response, viewed)
    return response


def article_print(request, slug):
    return _article_page(request, _published_article(slug), "articles/article_print.html")


@staff_member_required
def article_preview(request, pk):
    """Any article as readers would see it, for staff: drafts, scheduled and archived too; never counted."""
    article = get_object_or_404(
        Article.objects.select_related("category", "source", "portal", "author"), pk=pk
    )
    response = _article_page(request, article, preview=True)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@require_POST
def comment_create(request, slug):
    article = _published_article(slug)
    form = CommentForm(request.POST, user=request.user, article=article)
    if form.is_trap_filled:
        form.add_error(None, _("Your comment could not be accepted."))
        return _article_page(request, article, comment_form=form, status=400)
    if not form.is_valid():
        return _article_page(request, article, comment_form=form, status=400)
    data = form.cleaned_data
    try:
        comment = post_comment(
            request,
            article,
            body=data["body"],
            name=data.get("name", ""),
            email=data.get("email", ""),
            parent=data["parent"],
        )
    except CommentRefused as refusal:
        form.add_error(None, refusal.message)
        return _article_page(request, article, comment_form=form, status=refusal.status)
    if comment.status == Comment.Status.PENDING:
        request.session[OWN_COMMENTS_SESSION_KEY] = [
            *request.session.get(OWN_COMMENTS_SESSION_KEY, []),
            comment.pk,
        ][-50:]
        messages.info(request, _("Thank you. Your comment will appear once a moderator has read it."))
    else:
        messages.success(request, _("Thank you. Your comment is published."))
    return redirect(f"{article.get_absolute_url()}#comment-{comment.pk}")


@require_POST
def rating_create(request, slug):
    article = _published_article(slug)
    wants_json = "application/json" in request.headers.get("Accept", "")
    form = RatingForm(request.POST)
    key, new_token = voter(request)
    try:
        if not form.is_valid():
            raise RatingRefused(form.errors["score"][0])
        article = rate(request, article, form.cleaned_data["score"], voter_key=key)
    except RatingRefused as refusal:
        if wants_json:
            return JsonResponse({"error": str(refusal.message)}, status=refusal.status)
        messages.error(request, refusal.message)
        return redirect(f"{article.get_absolute_url()}#rating")
    summary = rating_summary(article)
    if wants_json:
        response = JsonResponse(
            {"summary": summary, "total": article.rating_sum, "count": article.rating_count}
        )
    else:
        messages.success(request, _("Thank you for rating this article."))
        response = redirect(f"{article.get_absolute_url()}#rating")
    if new_token:
        set_reader_cookie(
            response, request, VOTER_COOKIE, new_token, max_age=BROWSER_COOKIE_AGE, salt=VOTER_COOKIE_SALT
        )
    return response


def rating_summary(article):
    if not article.rating_count:
        return str(_("No ratings yet."))
    return _("The article's total score is %(total)s from %(count)s ratings.") % {
        "total": article.rating_sum,
        "count": article.rating_count,
    }


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
