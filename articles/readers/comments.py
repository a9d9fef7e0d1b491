"""
Readers' comments: who may comment, what waits for a moderator, and every
refusal with a reason a person understands.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

from ..text.searchable import index_text
from .models import Comment, CommentPolicy
from .refusals import Refused
from .visitors import hash_ip

DUPLICATE_WINDOW = timedelta(hours=24)


# The reader's own comments still waiting for a moderator, kept in the session.
OWN_COMMENTS_SESSION_KEY = "own_comments"


class CommentRefused(Refused):
    pass


def comment_permission(article, user):
    """(allowed, reason): whether this reader may comment on this article, and why not."""
    policy = article.effective_comment_policy
    if policy == CommentPolicy.CLOSED:
        return False, _("Comments are closed for this article.")
    if policy == CommentPolicy.MEMBERS and not user.is_authenticated:
        return False, _("You need to be a member to comment on this article.")
    return True, ""


def needs_moderation(user):
    if user.is_authenticated and user.is_staff:
        return False
    mode = settings.COMMENTS_MODERATION
    return mode == "all" or (mode == "anonymous" and not user.is_authenticated)


def post_comment(request, article, *, body, name="", email="", parent=None):
    """Store a comment from this request's reader, or raise CommentRefused saying why."""
    user = request.user
    allowed, reason = comment_permission(article, user)
    if not allowed:
        raise CommentRefused(reason, status=403)
    ip_hash = hash_ip(request.META.get("REMOTE_ADDR", ""))
    if _too_many(request):
        raise CommentRefused(
            _("You are commenting too fast. Please wait a few minutes and try again."), status=429
        )
    if _is_duplicate(article, body, user, ip_hash):
        raise CommentRefused(_("You have already posted this comment."))
    comment = Comment(
        article=article,
        user=user if user.is_authenticated else None,
        author_name="" if user.is_authenticated else name,
        author_email="" if user.is_authenticated else email,
        body=body,
        parent=parent,
        ip_hash=ip_hash,
        status=Comment.Status.PENDING if needs_moderation(user) else Comment.Status.APPROVED,
    )
    try:
        comment.full_clean()
    except ValidationError as error:
        raise CommentRefused(" ".join(error.messages)) from None
    comment.save()
    return comment


def _too_many(request):
    limited = is_ratelimited(
        request, group="comments-ip", key="ip", rate=settings.COMMENT_RATE_PER_IP, increment=True
    )
    if request.user.is_authenticated:
        limited |= is_ratelimited(
            request, group="comments-user", key="user", rate=settings.COMMENT_RATE_PER_ACCOUNT, increment=True
        )
    return limited


def _is_duplicate(article, body, user, ip_hash):
    """The same words from the same reader on the same article within a day (spam, double clicks)."""
    words = index_text(body)
    recent = Comment.objects.filter(article=article, created_at__gte=timezone.now() - DUPLICATE_WINDOW)
    recent = recent.filter(user=user) if user.is_authenticated else recent.filter(user=None, ip_hash=ip_hash)
    return any(index_text(text) == words for text in recent.values_list("body", flat=True)[:50])


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
