"""What readers send: comments and ratings, each a POST that re-shows the article with the outcome."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..views import article_page, published_article
from .comments import OWN_COMMENTS_SESSION_KEY, CommentRefused, post_comment
from .counters import BROWSER_COOKIE_AGE, set_reader_cookie
from .forms import CommentForm, RatingForm
from .models import Comment
from .ratings import VOTER_COOKIE, VOTER_COOKIE_SALT, RatingRefused, rate, rating_summary, voter


@require_POST
def comment_create(request, slug):
    article = published_article(slug)
    form = CommentForm(request.POST, user=request.user, article=article)
    if form.is_trap_filled:
        form.add_error(None, _("Your comment could not be accepted."))
        return article_page(request, article, comment_form=form, status=400)
    if not form.is_valid():
        return article_page(request, article, comment_form=form, status=400)
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
        return article_page(request, article, comment_form=form, status=refusal.status)
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
    article = published_article(slug)
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
