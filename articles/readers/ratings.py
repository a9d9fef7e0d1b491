"""
Readers' star ratings: one per reader per article, changeable, every vote a
row of its own, and the article's totals moved in the same transaction by
the difference — so the totals always equal the sum of the rows.
"""

import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

from ..models import Article
from .models import Rating
from .refusals import Refused
from .visitors import hash_ip

VOTER_COOKIE = "nr_voter"
VOTER_COOKIE_SALT = "newsroom.ratings.voter"


class RatingRefused(Refused):
    pass


def voter(request):
    """
    (voter key, token to set as a signed cookie or None): the account for a
    member; for anyone else the server derives the key from a signed token
    and the hashed address, so neither a forged cookie nor a new one alone
    makes a new voter beyond the per-address limit.

    A browser without the cookie yet gets a token derived from what it sends
    (address, user agent, languages) rather than a random one: the same
    browser's first vote sent twice at once is then one voter, not two.
    """
    if request.user.is_authenticated:
        return f"user:{request.user.pk}", None
    token = request.get_signed_cookie(VOTER_COOKIE, default=None, salt=VOTER_COOKIE_SALT)
    new_token = None
    ip_hash = hash_ip(request.META.get("REMOTE_ADDR", ""))
    if not token:
        browser = "\n".join(
            [ip_hash, request.META.get("HTTP_USER_AGENT", ""), request.META.get("HTTP_ACCEPT_LANGUAGE", "")]
        )
        token = new_token = salted_hmac(VOTER_COOKIE_SALT, browser).hexdigest()[:32]
    return "anon:" + hashlib.sha256(f"{token}:{ip_hash}".encode()).hexdigest()[:48], new_token


def rate(request, article, score, *, voter_key):
    """Record this reader's score (1–5) for ``article``; returns the article with fresh totals."""
    if score not in range(1, 6):
        raise RatingRefused(_("Choose from 1 to 5 stars."))
    if is_ratelimited(
        request, group="ratings-ip", key="ip", rate=settings.RATING_RATE_PER_IP, increment=True
    ):
        raise RatingRefused(_("Too many ratings from your connection. Please try again later."), status=429)
    ip_hash = hash_ip(request.META.get("REMOTE_ADDR", ""))
    user = request.user if request.user.is_authenticated else None
    for attempt in range(2):
        try:
            _store(article, voter_key, score, user=user, ip_hash=ip_hash)
            break
        except IntegrityError:
            # The same reader's first vote arrived twice at once: the other
            # one is stored now, so this one becomes a change of score.
            if attempt:
                raise
    article.refresh_from_db(fields=["rating_sum", "rating_count"])
    return article


def _store(article, voter_key, score, *, user, ip_hash):
    with transaction.atomic():
        existing = Rating.objects.select_for_update().filter(article=article, voter_key=voter_key).first()
        if existing is None:
            if user is None:
                # Anonymous first votes on one article wait for each other, so
                # the per-address count cannot be passed by voting all at once.
                Article.objects.select_for_update().filter(pk=article.pk).values_list("pk").first()
            if user is None and _address_is_full(article, ip_hash):
                raise RatingRefused(
                    _("This article has had as many ratings from your connection as we accept."), status=403
                )
            Rating.objects.create(
                article=article, voter_key=voter_key, user=user, score=score, ip_hash=ip_hash
            )
            Article.objects.filter(pk=article.pk).update(
                rating_sum=F("rating_sum") + score, rating_count=F("rating_count") + 1
            )
        elif existing.score != score:
            Article.objects.filter(pk=article.pk).update(
                rating_sum=F("rating_sum") + (score - existing.score)
            )
            existing.score = score
            existing.save(update_fields=["score", "updated_at"])


def _address_is_full(article, ip_hash):
    anonymous = Rating.objects.filter(article=article, user=None, ip_hash=ip_hash)
    return anonymous.count() >= settings.RATINGS_PER_ADDRESS


def current_score(request, article):
    """This reader's own score for the article, if any (for the stars shown as chosen)."""
    key, _token = voter(request)
    return Rating.objects.filter(article=article, voter_key=key).values_list("score", flat=True).first()


def recount(*, fix=False):
    """
    Articles whose stored totals differ from their ratings rows, as
    (article, ((sum, count) stored, (sum, count) from the rows)); with
    ``fix``, each is corrected from its rows under a row lock.
    """
    rows = Rating.objects.filter(article=OuterRef("pk")).order_by().values("article")
    checked = Article.objects.annotate(
        rows_sum=Coalesce(Subquery(rows.annotate(total=Sum("score")).values("total")), 0),
        rows_count=Coalesce(Subquery(rows.annotate(number=Count("pk")).values("number")), 0),
    ).exclude(rating_sum=F("rows_sum"), rating_count=F("rows_count"))
    differing = [
        (article, ((article.rating_sum, article.rating_count), (article.rows_sum, article.rows_count)))
        for article in checked.only("pk", "title", "rating_sum", "rating_count")
    ]
    if fix:
        for article, _totals in differing:
            with transaction.atomic():
                Article.objects.select_for_update().filter(pk=article.pk).first()
                totals = Rating.objects.filter(article=article).aggregate(
                    total=Sum("score", default=0), number=Count("pk")
                )
                Article.objects.filter(pk=article.pk).update(
                    rating_sum=totals["total"], rating_count=totals["number"]
                )
    return differing


def rating_summary(article):
    if not article.rating_count:
        return str(_("No ratings yet."))
    return _("The article's total score is %(total)s from %(count)s ratings.") % {
        "total": article.rating_sum,
        "count": article.rating_count,
    }
