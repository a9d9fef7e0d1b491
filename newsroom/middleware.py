from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from articles.readers.counters import record_visit


class SiteLanguageMiddleware:
    """
    Vietnamese for every reader unless they chose another language.

    Django's LocaleMiddleware would follow the browser's Accept-Language and
    show English to most foreign browsers; the portal is Vietnamese-first,
    so only the reader's own choice (the language cookie set by the switcher)
    changes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class VisitCounterMiddleware:
    """Counts visits and keeps "readers online" fresh on the reader site's pages (not the admin, not files)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(("/admin/", "/static/", "/media/"))
        ):
            record_visit(request, response)
        return response


class TrustedProxyMiddleware:
    """
    Behind ``TRUSTED_PROXIES`` reverse proxies, the reader's address is the
    one the outermost of them saw: take it from X-Forwarded-For, counting
    from the right so a reader cannot forge it. Rate limits, vote keys and
    comment address hashes all depend on it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = settings.TRUSTED_PROXIES

    def __call__(self, request):
        if self.proxies:
            hops = [
                hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()
            ]
            if len(hops) >= self.proxies:
                request.META["REMOTE_ADDR"] = hops[-self.proxies]
        return self.get_response(request)


def client_address(request):
    """The reader's address, as TrustedProxyMiddleware settled it."""
    return request.META.get("REMOTE_ADDR", "")
