"""
The newsroom's publishing rules: who may move an article where.

Reporters write and edit their own drafts and send them for review;
editors publish, schedule (publish with a future date), unpublish, feature
and archive. Every path — the edit form, bulk actions, a crafted POST — asks
these functions.
"""

from django.db import transaction
from django.utils import timezone

from ..models import Article

PUBLISH_PERMISSION = "articles.publish_article"
REPORTER_STATUSES = (Article.Status.DRAFT, Article.Status.REVIEW)


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def statuses_for(user):
    """The statuses this user may give an article."""
    return list(Article.Status) if can_publish(user) else list(REPORTER_STATUSES)


def may_edit(user, article):
    """Editors edit everything; a reporter only their own article while it is a draft or in review."""
    if can_publish(user):
        return True
    return article.author_id == user.pk and article.status in REPORTER_STATUSES


def _move(articles, **changes):
    """Save each article with its changes, so that revisions and versions follow."""
    moved = 0
    with transaction.atomic():
        # A fresh queryset: the admin's list adds aggregates, which FOR UPDATE refuses.
        for article in Article.objects.filter(pk__in=articles.values("pk")).select_for_update():
            for name, value in changes.items():
                setattr(article, name, value(article) if callable(value) else value)
            article.save()
            moved += 1
    return moved


def publish(articles):
    """Publish now, or at the article's future date (scheduled); readers see it from then on."""
    return _move(
        articles, status=Article.Status.PUBLISHED, published_at=lambda a: a.published_at or timezone.now()
    )


def unpublish(articles):
    return _move(articles, status=Article.Status.DRAFT)


def archive(articles):
    return _move(articles, status=Article.Status.ARCHIVED)


def feature(articles):
    return _move(articles, is_featured=True)


def move_to_category(articles, category):
    return _move(articles, category=category)


def archive_expired(*, now=None):
    """File every article past its expiry time as archived; never deletes anything."""
    return archive(Article.objects.expired(now=now))
