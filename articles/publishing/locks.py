"""
Who has an article open in the admin: a soft lock kept in the shared cache,
so every app server sees it. It tells a second editor who is working on the
article and since when, and lets them take over; it never blocks a save —
the change form's version check stays the last line of defence.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

# An editor who leaves the form open this long without saving no longer holds it.
EDIT_LOCK_SECONDS = 20 * 60


@dataclass(frozen=True)
class EditLock:
    user_id: int
    name: str
    since: datetime


def _key(article_id):
    return f"article-edit-lock:{article_id}"


def holder(article_id):
    """The lock on ``article_id``, or None when nobody has it open."""
    return cache.get(_key(article_id))


def take(article_id, user):
    """``user`` has the article open now; keeps the time they opened it if they already held it."""
    current = holder(article_id)
    since = current.since if current and current.user_id == user.pk else timezone.now()
    lock = EditLock(user.pk, user.get_full_name() or user.get_username(), since)
    cache.set(_key(article_id), lock, EDIT_LOCK_SECONDS)
    return lock


def release(article_id, user):
    """``user`` is done with the article (saved it): the lock goes, unless someone else took over."""
    current = holder(article_id)
    if current and current.user_id == user.pk:
        cache.delete(_key(article_id))
