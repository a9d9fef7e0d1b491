"""
Whole reader pages from the cache, for readers who are not signed in.

A reader with no session and no message waiting gets the page as it was
rendered for the last such reader in the same language, with a CSRF token
of their own put in its forms. Counting stays outside: article views are
counted by the view before it asks for the page, visits by middleware
around it, so both stay exact whether the page came from the cache or not.

Every stored page belongs to a generation. Any change to what pages show
(an article, its pictures, tags, comments, ratings, categories, the
cooperation records, an import) starts a new one, and so does the moment a
scheduled article goes out or expires, so no page shows what should no
longer be there. Counts printed on a page (views, visits) may be up to
``READER_PAGE_CACHE_SECONDS`` old; the counts themselves are exact.

Browsers revalidate with the page's ETag: it names the stored page, not the
token, and the copy a browser kept still carries a token valid for its own
CSRF cookie.
"""

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

from ..models import Article

GENERATION_KEY = "reader-pages:generation"
DUE_KEY = "reader-pages:due"
TOKEN_SLOT = b"__reader_page_csrf_token__"
# Django's {% csrf_token %}: a masked token of 64 letters and digits.
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
CACHED_QUERY_KEYS = {"page"}


def pages_changed(**kwargs):
    """Start a new generation once the current transaction commits (a signal receiver too)."""
    transaction.on_commit(_new_generation)


def _next_scheduled_change():
    """When the next scheduled article goes out or the next published one expires (epoch seconds), or 0."""
    now = timezone.now()
    upcoming = Article.objects.filter(status=Article.Status.PUBLISHED).aggregate(
        going_out=Min("published_at", filter=Q(published_at__gt=now)),
        expiring=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    return min((moment.timestamp() for moment in upcoming.values() if moment), default=0)


def _new_generation():
    generation = timezone.now().timestamp()
    cache.set_many({GENERATION_KEY: generation, DUE_KEY: _next_scheduled_change()}, timeout=None)
    return generation


def current_generation():
    stored = cache.get_many([GENERATION_KEY, DUE_KEY])
    generation, due = stored.get(GENERATION_KEY), stored.get(DUE_KEY)
    if generation is None or (due and due <= timezone.now().timestamp()):
        return _new_generation()
    return generation


def is_cacheable(request):
    """A GET from a reader the site knows nothing about, for a page every such reader sees alike."""
    return (
        settings.READER_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
        and set(request.GET) <= CACHED_QUERY_KEYS
    )


def _key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"reader-page:{current_generation()}:{request.LANGUAGE_CODE}:{path}"


def _store(key, response):
    body = CSRF_INPUT.sub(rb"\1" + TOKEN_SLOT + rb"\2", response.content)
    # Of the page alone: a new generation that shows the same still matches.
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    cache.set(key, (body, response["Content-Type"], etag), settings.READER_PAGE_CACHE_SECONDS)
    return etag


def _finish(request, response, etag):
    response["ETag"] = etag
    # Browsers keep the page but ask again each time; a shared cache must not
    # keep it, since its forms carry the reader's own CSRF token.
    patch_cache_control(response, private=True, no_cache=True)
    return get_conditional_response(request, etag=etag, response=response)


def reader_page(request, render):
    """
    The response ``render()`` gives, from the cache when the reader may share
    it. Only complete HTML pages answered 200 are stored.
    """
    if not is_cacheable(request):
        return render()
    key = _key(request)
    stored = cache.get(key)
    if stored is not None:
        body, content_type, etag = stored
        response = HttpResponse(
            body.replace(TOKEN_SLOT, get_token(request).encode()), content_type=content_type
        )
        response["X-Page-Cache"] = "hit"
        return _finish(request, response, etag)
    response = render()
    if response.status_code != 200 or getattr(response, "streaming", False):
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    response["X-Page-Cache"] = "miss"
    return _finish(request, response, _store(key, response))


def cached_for_readers(view):
    """``reader_page`` as a view decorator."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return reader_page(request, lambda: view(request, *args, **kwargs))

    return wrapped


def watch(models):
    """Start a new generation whenever a row of one of ``models`` is saved or deleted."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(pages_changed, sender=model, dispatch_uid=f"reader-pages:{model._meta.label}")
