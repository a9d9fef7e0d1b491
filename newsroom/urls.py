from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.cache import cache_page
from two_factor.urls import urlpatterns as two_factor_urls

from articles.readers.page_cache import cached_for_readers

from . import views
from .sitemaps import SITEMAPS

SITEMAP_CACHE_SECONDS = 3600

urlpatterns = [
    path("", cached_for_readers(views.home), name="home"),
    path("tim-kiem/", views.search_page, name="search"),
    path("tim-kiem/goi-y/", views.search_suggestions, name="search_suggestions"),
    path("healthz/", views.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico whatever the page says (the admin's pages say nothing).
    path("favicon.ico", views.favicon),
    path(
        "sitemap.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("tai-khoan/", include("newsroom.accounts")),
    path("", include("articles.urls")),
    path("", include("agreements.urls")),
    # The staff's sign-in and two-factor enrolment (django-two-factor-auth), beside the admin.
    path("admin/", include(two_factor_urls)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
