"""
The newsroom's desk in the admin: what is waiting for the signed-in member
of staff, each with a count and a link to the admin list that shows it.
Reporters see their own work; editors also what waits for them.
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Article

RECENT = timedelta(hours=24)


@dataclass(frozen=True)
class DeskItem:
    label: str
    count: int
    url: str


def _articles_url(**filters):
    return f"{reverse('admin:articles_article_changelist')}?{urlencode(filters)}"


def desk_items(user, *, now=None):
    """The article work waiting for ``user``, in the order a newsroom looks at it."""
    now = now or timezone.now()
    end_of_today = timezone.localtime(now).replace(hour=23, minute=59, second=59, microsecond=999999)
    mine = Article.objects.filter(author=user)
    items = [
        DeskItem(
            _("My drafts"),
            mine.filter(status=Article.Status.DRAFT).count(),
            _articles_url(status__exact=Article.Status.DRAFT, author__id__exact=user.pk),
        ),
        DeskItem(
            _("My articles in review"),
            mine.filter(status=Article.Status.REVIEW).count(),
            _articles_url(status__exact=Article.Status.REVIEW, author__id__exact=user.pk),
        ),
    ]
    if user.has_perm("articles.publish_article"):
        scheduled = Article.objects.scheduled(now=now)
        items += [
            DeskItem(
                _("Waiting for review"),
                Article.objects.filter(status=Article.Status.REVIEW).count(),
                _articles_url(status__exact=Article.Status.REVIEW),
            ),
            DeskItem(
                _("Scheduled for today"),
                scheduled.filter(published_at__lte=end_of_today).count(),
                _articles_url(publication="scheduled"),
            ),
            DeskItem(
                _("Scheduled for the next seven days"),
                scheduled.filter(published_at__lte=now + timedelta(days=7)).count(),
                _articles_url(publication="scheduled"),
            ),
            DeskItem(
                _("Published in the last 24 hours"),
                Article.objects.published(now=now).filter(published_at__gte=now - RECENT).count(),
                _articles_url(publication="live"),
            ),
        ]
    return items
