"""What the importer keeps: each import of a page into an article, and the admin's upload batches."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticleImport(models.Model):
    """One import of a scraped page into an article: what it did and what it changed."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="imports"
    )
    file_name = models.CharField(_("file name"), max_length=500)
    action = models.CharField(_("action"), max_length=10, choices=Action)
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    page_date = models.DateTimeField(
        _("page date"), null=True, blank=True, help_text=_("When the page was scraped, as its header shows.")
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("article import")
        verbose_name_plural = _("article imports")

    def __str__(self):
        return f"{self.file_name} → {self.article} ({self.get_action_display()})"


# How an import report's outcomes and refusals read to editors; the stored
# report keeps the importer's own words (the command line prints them).
OUTCOMES = {
    "created": _("created"),
    "updated": _("updated"),
    "unchanged": _("unchanged"),
    "failed": _("failed"),
    "briefs_created": _("briefs created"),
}
REFUSALS = {
    "empty": _("The file is empty."),
    "too_large": _("The file is larger than the import allows."),
    "encoding": _("The file is not UTF-8 or Windows-1258 text; save it as UTF-8 and import it again."),
    "binary": _("The file holds binary data, not the text of a page."),
    "mojibake": _("The text is garbled (UTF-8 read as another encoding) and could not be repaired."),
    "html": _("The HTML page could not be read."),
    "io": _("The file could not be read."),
    "zip": _("This member of the .zip archive is damaged and could not be unpacked."),
    "nested_zip": _("A .zip archive inside a .zip archive is not unpacked; import it on its own."),
    "zip_bomb": _(
        "The archive member expands too much; it looks like a decompression bomb and was not read."
    ),
    "no_article": _("No article found: the page has only portal chrome."),
    "db": _("The database refused the article."),
}


class ImportBatch(models.Model):
    """Pages uploaded together from the admin and imported in the background; its report stays."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    file_names = models.JSONField(_("uploaded files"), default=list)
    total_files = models.PositiveIntegerField(_("files"), default=0)
    processed_files = models.PositiveIntegerField(_("files processed"), default=0)
    totals = models.JSONField(_("totals"), default=dict, blank=True)
    report = models.JSONField(_("report"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self):
        return f"{timezone.localtime(self.created_at):%d/%m/%Y %H:%M} — {', '.join(self.file_names)[:80]}"

    def totals_display(self):
        """(label, count) for each total, in the editor's language."""
        return [(OUTCOMES.get(name, name), count) for name, count in self.totals.items()]

    def report_rows(self):
        """The per-file report with its outcome and reason in the editor's language."""
        article = apps.get_model("articles", "Article")
        for entry in self.report:
            reason = REFUSALS.get(entry.get("error_code", ""), entry.get("error", ""))
            kept = [_field_label(article, name) for name in entry.get("left_alone", [])]
            yield {
                **entry,
                "outcome": OUTCOMES.get(entry["status"], entry["status"]),
                "reason": reason,
                "left_alone": kept,
            }

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self):
        return round(100 * self.processed_files / self.total_files) if self.total_files else 0


def _field_label(model, name):
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", None) or _("pictures"))
    except FieldDoesNotExist:
        return name
