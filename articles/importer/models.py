"""What the importer keeps: each import of a page into an article, and the admin's upload batches."""

from django.conf import settings
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
        return f"{self.created_at:%d/%m/%Y %H:%M} — {', '.join(self.file_names)[:80]}"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self):
        return round(100 * self.processed_files / self.total_files) if self.total_files else 0
