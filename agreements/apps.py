from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("International cooperation")

    def ready(self):
        from articles.importer.signals import page_analysers, pages_imported
        from articles.publishing.signals import article_edited
        from articles.readers.page_cache import watch

        from .roles import grant_record_permissions
        from .services import ANALYSIS, link_imported_articles, page_extractor
        from .tasks import queue_suggestions

        grant_record_permissions()
        watch(self.get_models())

        # Every imported article is read for the agencies, agreements and
        # events it names: found while the page is parsed, linked once it is stored.
        page_analysers[ANALYSIS] = page_extractor
        pages_imported.connect(link_imported_articles, dispatch_uid="agreements.link_imported_articles")
        # An article an editor writes is read the same way, in the background once saved.
        article_edited.connect(queue_suggestions, dispatch_uid="agreements.queue_suggestions")
