"""The importer in the admin: the upload page and its background batches, and each article's import history."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..publishing.audit import record
from ..readers.admin import ReadOnlyAdmin
from . import uploads
from .models import ArticleImport, ImportBatch
from .tasks import run_import_batch


class ArticleImportInline(admin.TabularInline):
    model = ArticleImport
    extra = 0
    fields = ["imported_at", "action", "changed_fields", "file_name", "page_date"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("import history")

    def has_add_permission(self, request, obj):
        return False


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once; an empty one is accepted here and reported by the import, by name."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        super().__init__(allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files if upload]


class ImportUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Page files"),
        help_text=_("Scraped pages (.txt or .html), several at once, or .zip archives of them."),
        widget=MultipleFileInput(attrs={"accept": ".txt,.html,.htm,.zip"}),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if not files:
            raise forms.ValidationError(_("Choose at least one file."))
        uploads.check_uploads(files)
        return files


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Bulk import from the admin: the add page takes the upload, the change page shows progress and the report."""

    list_display = ["created_at", "created_by", "status", "processed_files", "total_files", "summary"]
    list_filter = ["status"]
    change_form_template = "admin/articles/importbatch/progress.html"

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("result"))
    def summary(self, batch):
        return ", ".join(f"{label}: {count}" for label, count in batch.totals_display())

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = ImportUploadForm(request.POST, request.FILES) if posted else ImportUploadForm()
        if posted and form.is_valid() and not uploads.refused_upload_message(request):
            batch = ImportBatch.objects.create(created_by=request.user)
            folder = uploads.upload_folder(batch)
            names = uploads.store_uploads(form.cleaned_data["files"], folder)
            ImportBatch.objects.filter(pk=batch.pk).update(
                file_names=names, total_files=uploads.page_count(folder)
            )
            transaction.on_commit(lambda: run_import_batch.enqueue(batch.pk))
            record(request.user, [batch], _("Uploaded pages to import"), added=True)
            self.message_user(request, _("The files are uploaded; the import runs in the background."))
            return redirect(reverse("admin:articles_importbatch_change", args=[batch.pk]))
        if refused := uploads.refused_upload_message(request):
            form.add_error(None, refused)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": _("Import scraped pages"),
            "limits": {
                "files": settings.IMPORT_MAX_UPLOAD_FILES,
                "page": settings.IMPORT_MAX_FILE_BYTES // 1_000_000,
                "zip": settings.IMPORT_MAX_ZIP_BYTES // 1_000_000,
            },
            **(extra_context or {}),
        }
        return render(
            request, "admin/articles/importbatch/upload.html", context, status=400 if form.errors else 200
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        batch = self.get_object(request, object_id)
        if batch is None or not self.has_view_permission(request, batch):
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": batch,
            "batch": batch,
            "title": _("Import of %(date)s") % {"date": batch.created_at.strftime("%d/%m/%Y %H:%M")},
            "failures": [entry for entry in batch.report if entry["status"] == "failed"],
        }
        return render(request, self.change_form_template, context)


@admin.register(ArticleImport)
class ArticleImportAdmin(ReadOnlyAdmin):
    list_display = ["imported_at", "action", "article", "changed_fields", "file_name"]
    list_filter = ["action", "imported_at"]
    list_select_related = ["article"]
    search_fields = ["article__title", "file_name"]
    date_hierarchy = "imported_at"
