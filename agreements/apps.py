from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("International cooperation")

    def ready(self):
        from articles.signals import pages_imported

        from .services import link_imported_articles

        # Every imported article is read for the agencies, agreements and events it names.
        pages_imported.connect(link_imported_articles, dispatch_uid="agreements.link_imported_articles")
