from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("News")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .importer.signals import pages_imported
        from .publishing.audit import record_staff_sign_in
        from .readers.page_cache import pages_changed, watch

        # Readers' cached pages follow what they show; counters and import
        # bookkeeping change no page (an import says so when it commits).
        watch(
            model
            for model in self.get_models()
            if model._meta.model_name
            not in {"articledailyviews", "readerpresence", "dailyvisits", "importbatch", "articleimport"}
        )
        pages_imported.connect(pages_changed, dispatch_uid="reader-pages:import")
        user_logged_in.connect(record_staff_sign_in, dispatch_uid="articles.audit.staff_sign_in")
