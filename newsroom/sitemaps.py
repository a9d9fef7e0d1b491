from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from agreements.models import Agency, Agreement, Event
from articles.models import Article, Category


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "published_at", "revised_at").order_by("-pk")

    def lastmod(self, article):
        return article.modified_at


class CategorySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.all()


class KnowledgeSitemap(Sitemap):
    changefreq = "weekly"

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.not_rejected().only("slug", "updated_at").order_by("pk")

    def lastmod(self, record):
        return record.updated_at


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "articles:latest",
            "articles:briefs",
            "agreements:agencies",
            "agreements:agreements",
            "agreements:events",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "agencies": KnowledgeSitemap(Agency),
    "agreements": KnowledgeSitemap(Agreement),
    "events": KnowledgeSitemap(Event),
}
