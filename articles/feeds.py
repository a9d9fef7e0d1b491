from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from .models import Article, Category

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    description = _("The latest news on international law-enforcement cooperation.")

    def author_name(self):
        # Atom requires an author for every entry; the feed's stands for entries without a byline.
        return settings.SITE_NAME

    def title(self):
        return f"{settings.SITE_NAME} — {_('Latest news')}"

    def link(self):
        return reverse("articles:latest")

    def items(self):
        return self.articles().select_related("category", "source").latest()[:FEED_SIZE]

    def articles(self):
        return Article.objects.published().articles()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers take the description as HTML; the lead is plain text.
        return escape(item.lead)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        # Atom requires <updated>; an imported page that gave no date has only its creation here.
        return item.modified_at or item.created_at

    def item_categories(self, item):
        return [item.category.name] if item.category_id else []

    def item_author_name(self, item):
        return item.byline or (item.source.name if item.source_id else None)


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"{settings.SITE_NAME} — {category.name}"

    def link(self, category):
        return category.get_absolute_url()

    def description(self, category):
        return category.description or category.name

    def items(self, category):
        return (
            Article.objects.published()
            .articles()
            .filter(category__in=category.with_descendants())
            .select_related("category", "source")
            .latest()[:FEED_SIZE]
        )
