"""
Counting readers: article views, visits and who is online, exact under
concurrency. Every increment is SQL that adds to the stored value (an
UPDATE … + 1 or an INSERT … ON CONFLICT DO UPDATE … + 1, the same on SQLite
and PostgreSQL), never a read-modify-write in Python. A counted article view
is one statement on PostgreSQL (a data-modifying WITH); a visit's first page
adds one, a browser's presence one a minute; every other page none.
"""

import re
import secrets
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from ..models import Article
from .models import ArticleDailyViews, DailyVisits, ReaderPresence

CRAWLERS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|mediapartners|facebookexternalhit|bingpreview|headless|"
    r"python-requests|python-urllib|curl/|wget/|httpclient|go-http-client|java/|okhttp|scrapy|feedfetcher",
    re.IGNORECASE,
)
VIEWED_COOKIE = "nr_viewed"
VIEWED_REMEMBERED = 100
VISIT_COOKIE = "nr_visit"
BROWSER_COOKIE = "nr_browser"
PRESENCE_COOKIE = "nr_present"
VISIT_LENGTH = timedelta(minutes=30)
PRESENCE_REFRESH = timedelta(minutes=1)
PRESENCE_KEPT = timedelta(days=1)
PRUNE_ONE_VISIT_IN = 100
BROWSER_COOKIE_AGE = 365 * 24 * 3600


def set_reader_cookie(response, request, name, value, *, max_age=None, salt=None):
    """The site's own reader cookies: HTTP-only, same-site, secure on HTTPS, signed when a salt is given."""
    options = {"max_age": max_age, "httponly": True, "samesite": "Lax", "secure": request.is_secure()}
    if salt:
        response.set_signed_cookie(name, value, salt=salt, **options)
    else:
        response.set_cookie(name, value, **options)


def is_reader(request):
    """A person reading a page: GET, not a crawler or a script."""
    return request.method == "GET" and not CRAWLERS.search(request.headers.get("User-Agent", "") or "bot")


def _add_to_daily(model, key_columns, key_values, counter, day):
    """INSERT a (key…, day) row with 1, or add 1 to the row already there: one statement."""
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(counter)
    keys = ", ".join(connection.ops.quote_name(name) for name in (*key_columns, "day"))
    placeholders = ", ".join(["%s"] * (len(key_columns) + 1))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({keys}, {column}) VALUES ({placeholders}, 1) "
            f"ON CONFLICT ({keys}) DO UPDATE SET {column} = {table}.{column} + 1",
            [*key_values, day],
        )


def viewed_articles(request):
    """Articles this browser session has already been counted for (a session cookie of ids)."""
    raw = request.get_signed_cookie(VIEWED_COOKIE, default="", salt=VIEWED_COOKIE)
    return [int(part) for part in raw.split(".") if part.isdigit()]


def count_view(request, article):
    """
    Count one view of ``article`` by this reader, once per browser session.
    Returns the ids to remember in the session cookie (``remember_views``),
    or None when the view did not count.
    """
    if not is_reader(request):
        return None
    viewed = viewed_articles(request)
    if article.pk in viewed:
        return None
    day = timezone.localdate()
    if connection.vendor == "postgresql":
        # One statement for both counters: the article's total and its day's row.
        daily = connection.ops.quote_name(ArticleDailyViews._meta.db_table)
        articles = connection.ops.quote_name(Article._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH counted AS (UPDATE {articles} SET view_count = view_count + 1 "
                f"WHERE id = %s RETURNING id) "
                f"INSERT INTO {daily} (article_id, day, views) SELECT id, %s, 1 FROM counted "
                f"ON CONFLICT (article_id, day) DO UPDATE SET views = {daily}.views + 1",
                [article.pk, day],
            )
    else:
        with transaction.atomic():
            Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)
            _add_to_daily(ArticleDailyViews, ("article_id",), (article.pk,), "views", day)
    article.view_count += 1
    return [*viewed, article.pk][-VIEWED_REMEMBERED:]


def remember_views(request, response, viewed):
    # No max_age: the cookie ends with the browser session, as a reader's session does.
    set_reader_cookie(response, request, VIEWED_COOKIE, ".".join(map(str, viewed)), salt=VIEWED_COOKIE)


def record_visit(request, response):
    """
    A visit is one browser within 30 minutes of its last page: count it, and
    keep the browser's "last seen" fresh (at most once a minute) for the
    online count. Cookies hold only a random browser id and two timers.
    """
    if not is_reader(request):
        return
    now = timezone.now()
    browser = request.COOKIES.get(BROWSER_COOKIE) or secrets.token_urlsafe(16)
    if VISIT_COOKIE not in request.COOKIES:
        _add_to_daily(DailyVisits, (), (), "visits", timezone.localdate())
        if secrets.randbelow(PRUNE_ONE_VISIT_IN) == 0:
            # Housekeeping now and then, not on every visit: browsers gone for a day.
            ReaderPresence.objects.filter(last_seen__lt=now - PRESENCE_KEPT).delete()
    if PRESENCE_COOKIE not in request.COOKIES:
        ReaderPresence.objects.bulk_create(
            [ReaderPresence(browser_key=browser[:64], last_seen=now)],
            update_conflicts=True,
            unique_fields=["browser_key"],
            update_fields=["last_seen"],
        )
        set_reader_cookie(
            response, request, PRESENCE_COOKIE, "1", max_age=int(PRESENCE_REFRESH.total_seconds())
        )
    set_reader_cookie(response, request, VISIT_COOKIE, "1", max_age=int(VISIT_LENGTH.total_seconds()))
    set_reader_cookie(response, request, BROWSER_COOKIE, browser, max_age=BROWSER_COOKIE_AGE)
