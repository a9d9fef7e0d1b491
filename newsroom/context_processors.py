from django.conf import settings
from django.core.cache import cache

from articles.models import Category

NAVIGATION_CACHE_SECONDS = 300


def navigation_categories():
    """Top-level categories for the menu; cached, they rarely change."""
    categories = cache.get("navigation-categories")
    if categories is None:
        categories = list(Category.objects.filter(parent=None).only("name", "slug"))
        cache.set("navigation-categories", categories, NAVIGATION_CACHE_SECONDS)
    return categories


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "navigation": navigation_categories,
    }
