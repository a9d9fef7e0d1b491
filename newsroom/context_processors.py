from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from articles.models import Category
from articles.readers.page_cache import current_generation

NAVIGATION_CACHE_SECONDS = 300


def navigation_categories():
    """Top-level categories for the menu; cached, they rarely change."""
    key = f"navigation-categories:{current_generation()}"
    categories = cache.get(key)
    if categories is None:
        categories = list(Category.objects.filter(parent=None).only("name", "slug"))
        cache.set(key, categories, NAVIGATION_CACHE_SECONDS)
    return categories


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_owner": settings.SITE_OWNER,
        "navigation": navigation_categories,
        # For {% cache fragment_seconds "name" page_generation … %}: a fragment
        # is kept until what pages show changes (articles/readers/page_cache.py).
        "page_generation": SimpleLazyObject(current_generation),
        "fragment_seconds": settings.READER_FRAGMENT_CACHE_SECONDS,
    }
