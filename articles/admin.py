import functools

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media as JsMedia
from simple_history.admin import SimpleHistoryAdmin
from taggit.forms import TagWidget
from taggit.models import Tag as TaggitTag

from agreements.models import ArticleAgency, ArticleAgreement, ArticleEvent

from .content.html import BODY_EDITOR
from .importer import uploads
from .importer.tasks import run_import_batch
from .models import (
    Article,
    ArticleDailyViews,
    ArticleImage,
    ArticleImport,
    Category,
    Comment,
    DailyVisits,
    ImportBatch,
    Portal,
    Rating,
    Source,
    Tag,
)
from .publishing import workflow
from .text.slugs import slugify

TAG_SUGGESTIONS = 10

# Bare addresses typed by editors ("antv.gov.vn") are taken as https.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

# The project tags articles with its own Tag model (Vietnamese-aware slugs);
# taggit's generic one would only confuse editors.
admin.site.unregister(TaggitTag)


class VietnameseSlugMedia:
    """The slug fills itself from the Vietnamese name as the editor types (static/js/admin-slug.js)."""

    js = ["js/admin-slug.js"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    Media = VietnameseSlugMedia
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, tag):
        return tag.article_count

    def get_urls(self):
        suggestions = path(
            "suggestions/", self.admin_site.admin_view(self.suggestions), name="articles_tag_suggestions"
        )
        return [suggestions, *super().get_urls()]

    def suggestions(self, request):
        """Tags whose folded name starts with what the editor typed (accents optional), most used first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        typed = slugify(request.GET.get("q", ""))
        tags = (
            Tag.objects.filter(slug__startswith=typed)
            .annotate(uses=Count("tagged_articles"))
            .order_by("-uses", "name")
            if typed
            else Tag.objects.none()
        )
        return JsonResponse({"tags": list(tags.values_list("name", flat=True)[:TAG_SUGGESTIONS])})


class TagSuggestionWidget(TagWidget):
    """taggit's comma-separated input, with the browser's own list of matching tags as the editor types."""

    class Media:
        js = ["js/admin-tags.js"]

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {}), "list": f"{name}-suggestions", "autocomplete": "off"}
        attrs["data-suggestions-url"] = reverse("admin:articles_tag_suggestions")
        return super().get_context(name, value, attrs)

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '{}<datalist id="{}-suggestions"></datalist>', super().render(name, value, attrs, renderer), name
        )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    Media = VietnameseSlugMedia
    list_display = ["name", "parent", "position", "slug"]
    list_editable = ["position"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["parent"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    Media = VietnameseSlugMedia
    list_display = ["name", "website", "article_count"]
    formfield_overrides = HTTPS_URL_FIELDS
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, source):
        return source.article_count


@admin.register(Portal)
class PortalAdmin(SourceAdmin):
    list_display = ["name", "domain", "article_count"]
    search_fields = ["name", "domain"]


class ArticleImportInline(admin.TabularInline):
    model = ArticleImport
    extra = 0
    fields = ["imported_at", "action", "changed_fields", "file_name", "page_date"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("import history")

    def has_add_permission(self, request, obj):
        return False


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 0
    fields = ["position", "image", "caption", "credit", "original_filename", "width", "height"]
    readonly_fields = ["width", "height"]


class ArticleActionForm(helpers.ActionForm):
    category = forms.ModelChoiceField(
        Category.objects.all(), required=False, label=_("Category"), empty_label=_("(for “Move to category”)")
    )


class ArticleAdminForm(forms.ModelForm):
    """The edit form: status limited to what the user may set, and a guard against lost edits."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "kind", "lead", "body", "tags", "status", "published_at", "expires_at",
            "is_featured", "category", "author", "byline", "comment_policy", "source", "portal",
        ]  # fmt: skip
        widgets = {
            "body": AdminProseEditorWidget(config=BODY_EDITOR, preset="newsroom"),
            "tags": TagSuggestionWidget,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "status" in self.fields:
            self.fields["status"].choices = [(s.value, s.label) for s in workflow.statuses_for(user)]
        if self.instance.pk and not self.is_bound:
            # The stored version, not the instance's: restoring a revision edits an old copy.
            self.fields["seen_version"].initial = (
                Article.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = Article.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current != cleaned.get("seen_version"):
                last = self.instance.history.select_related("history_user").first()
                who = last.history_user if last and last.history_user else _("someone")
                raise forms.ValidationError(
                    _(
                        "%(who)s saved this article while you were editing it. Your changes are not saved: "
                        "copy what you wrote, reload the page and apply it to the new version."
                    ),
                    code="edit_conflict",
                    params={"who": who},
                )
        return cleaned


class ArticleAgencyInline(admin.TabularInline):
    model = ArticleAgency
    extra = 0
    autocomplete_fields = ["agency"]
    fields = ["agency", "evidence", "review_status"]


class ArticleAgreementInline(ArticleAgencyInline):
    model = ArticleAgreement
    autocomplete_fields = ["agreement"]
    fields = ["agreement", "evidence", "review_status"]


class ArticleEventInline(ArticleAgencyInline):
    model = ArticleEvent
    autocomplete_fields = ["event"]
    fields = ["event", "evidence", "review_status"]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    Media = VietnameseSlugMedia
    form = ArticleAdminForm
    action_form = ArticleActionForm
    list_display = [
        "title",
        "kind",
        "status",
        "category",
        "source",
        "published_at",
        "view_count",
        "average_rating",
        "pending_comments",
        "is_featured",
    ]
    list_filter = [
        "status",
        "kind",
        "is_featured",
        ("category", admin.RelatedOnlyFieldListFilter),
        ("source", admin.RelatedOnlyFieldListFilter),
        ("portal", admin.RelatedOnlyFieldListFilter),
        ("author", admin.RelatedOnlyFieldListFilter),
        "published_at",
    ]
    list_select_related = ["category", "source"]
    search_fields = ["title", "lead", "body", "byline"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["category", "source", "portal", "author"]
    readonly_fields = [
        "preview_link",
        "view_count",
        "rating_sum",
        "rating_count",
        "import_key",
        "content_hash",
        "version",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "lead", "body", "tags"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "expires_at",
                    "is_featured",
                    "preview_link",
                    "category",
                    "author",
                    "byline",
                    "comment_policy",
                    "seen_version",
                ]
            },
        ),
        (_("Origin"), {"fields": ["source", "portal", "import_key", "content_hash"]}),
        (
            _("Readers"),
            {
                "classes": ["collapse"],
                "fields": ["view_count", "rating_sum", "rating_count", "version", "created_at", "updated_at"],
            },
        ),
    ]
    inlines = [
        ArticleImageInline,
        ArticleAgreementInline,
        ArticleEventInline,
        ArticleAgencyInline,
        ArticleImportInline,
    ]
    actions = ["publish", "unpublish", "feature", "archive", "move_to_category"]

    # Who may do what ---------------------------------------------------------

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.may_edit(request.user, obj))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not workflow.can_publish(request.user):
            # Scheduling and featuring are publishing decisions.
            fields += ["published_at", "expires_at", "is_featured", "comment_policy", "author"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return functools.partial(form, user=request.user)

    def get_inlines(self, request, obj):
        if workflow.can_publish(request.user):
            return self.inlines
        return [ArticleImageInline, ArticleImportInline]

    def save_model(self, request, obj, form, change):
        if refused := uploads.refused_upload_message(request):
            self.message_user(request, refused, messages.ERROR)
        if not workflow.can_publish(request.user) and obj.status not in workflow.REPORTER_STATUSES:
            raise PermissionDenied
        if not change and obj.author_id is None:
            obj.author = request.user
        with transaction.atomic():
            if change:
                # The form compared versions; the row lock closes the gap between that check and this save.
                current = Article.objects.select_for_update().filter(pk=obj.pk).first()
                if current is None or not workflow.may_edit(request.user, current):
                    raise PermissionDenied
                if current.version != form.cleaned_data["seen_version"]:
                    raise PermissionDenied(
                        _("The article changed while you were saving it; reload and try again.")
                    )
                # A save changes only what the form let this user change. The
                # change form starts from the stored article, but restoring a
                # revision starts from the old copy: its read-only fields
                # (featured, publishing dates for a reporter; counters, which
                # revisions do not keep, for everyone) must stay as stored.
                for field in Article._meta.concrete_fields:
                    if field.name not in form.fields:
                        setattr(obj, field.attname, getattr(current, field.attname))
            super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, *args, **kwargs):
        # The body editor's import map is an inline script: the page's
        # Content-Security-Policy lets it run only with this request's nonce.
        context["media"] = JsMedia.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

    def render_history_view(self, request, template, context, **kwargs):
        if "adminform" in context:  # the revert page, an edit form too
            media = self.media + context["adminform"].media
            context["media"] = JsMedia.from_media(media, nonce=request.csp_nonce)
        return super().render_history_view(request, template, context, **kwargs)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history checks permissions against the old copy; what counts
        # is whether this user may edit the article as it stands now.
        current = self.get_object(request, object_id)
        if request.method == "POST" and (current is None or not self.has_change_permission(request, current)):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    # Deleting archives, except for superusers --------------------------------

    def delete_model(self, request, obj):
        if request.user.is_superuser:
            return super().delete_model(request, obj)
        workflow.archive(Article.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        if request.user.is_superuser:
            return super().delete_queryset(request, queryset)
        workflow.archive(queryset)

    # Lists and actions -------------------------------------------------------

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                pending_comment_count=Count("comments", filter=Q(comments__status=Comment.Status.PENDING))
            )
        )

    @admin.display(description=_("average rating"))
    def average_rating(self, article):
        return article.average_rating

    @admin.display(description=_("pending comments"), ordering="pending_comment_count")
    def pending_comments(self, article):
        return article.pending_comment_count

    @admin.display(description=_("preview"))
    def preview_link(self, article):
        if not article.pk:
            return "—"
        url = reverse("articles:article_preview", kwargs={"pk": article.pk})
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Preview as readers see it")
        )

    def _report(self, request, count, message):
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(
        description=_("Publish (or schedule, when the date is in the future)"), permissions=["publish"]
    )
    def publish(self, request, queryset):
        self._report(request, workflow.publish(queryset), _("%(count)d articles published or scheduled."))

    @admin.action(description=_("Unpublish (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._report(request, workflow.unpublish(queryset), _("%(count)d articles unpublished."))

    @admin.action(description=_("Feature on the home page"), permissions=["publish"])
    def feature(self, request, queryset):
        self._report(request, workflow.feature(queryset), _("%(count)d articles featured."))

    @admin.action(description=_("Archive"), permissions=["publish"])
    def archive(self, request, queryset):
        self._report(request, workflow.archive(queryset), _("%(count)d articles archived."))

    @admin.action(description=_("Move to category"), permissions=["publish"])
    def move_to_category(self, request, queryset):
        category = Category.objects.filter(pk=request.POST.get("category") or None).first()
        if category is None:
            self.message_user(request, _("Choose the category to move the articles to."), messages.ERROR)
            return
        self._report(request, workflow.move_to_category(queryset, category), _("%(count)d articles moved."))


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "short_body",
        "display_name",
        "article",
        "status",
        "links_approved",
        "parent",
        "created_at",
    ]
    list_filter = ["status", "links_approved", "created_at"]
    list_select_related = ["article", "user", "parent"]
    search_fields = ["body", "author_name", "author_email", "user__username", "article__title"]
    autocomplete_fields = ["article", "user", "parent"]
    readonly_fields = ["ip_hash"]
    date_hierarchy = "created_at"
    actions = ["approve", "reject", "mark_spam", "allow_links"]

    @admin.display(description=_("comment"))
    def short_body(self, comment):
        return comment.body[:80]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "pending_count": Comment.objects.pending().count()}
        return super().changelist_view(request, extra_context)

    def _moderate(self, request, queryset, message, **changes):
        count = queryset.update(**changes)
        self.message_user(request, message % {"count": count})

    @admin.action(description=_("Approve selected comments"), permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, _("%(count)d comments approved."), status=Comment.Status.APPROVED)

    @admin.action(description=_("Reject selected comments"), permissions=["change"])
    def reject(self, request, queryset):
        self._moderate(request, queryset, _("%(count)d comments rejected."), status=Comment.Status.REJECTED)

    @admin.action(description=_("Mark selected comments as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, _("%(count)d comments marked as spam."), status=Comment.Status.SPAM)

    @admin.action(description=_("Approve and make their links clickable"), permissions=["change"])
    def allow_links(self, request, queryset):
        self._moderate(
            request,
            queryset,
            _("%(count)d comments approved with clickable links."),
            status=Comment.Status.APPROVED,
            links_approved=True,
        )


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
        return ", ".join(f"{name}: {count}" for name, count in sorted(batch.totals.items()))

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


class ReadOnlyAdmin(admin.ModelAdmin):
    """
    Rows the site writes itself (readers' counters, the import log): editing
    one by hand would break the totals or the history, so the admin only shows them.
    """

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ["article", "score", "user", "voter_key", "updated_at"]
    list_filter = ["score", "updated_at"]
    list_select_related = ["article", "user"]
    search_fields = ["article__title", "user__username", "voter_key"]


@admin.register(ArticleDailyViews)
class ArticleDailyViewsAdmin(ReadOnlyAdmin):
    list_display = ["article", "day", "views"]
    list_filter = ["day"]
    list_select_related = ["article"]
    search_fields = ["article__title"]
    date_hierarchy = "day"


@admin.register(ArticleImport)
class ArticleImportAdmin(ReadOnlyAdmin):
    list_display = ["imported_at", "action", "article", "changed_fields", "file_name"]
    list_filter = ["action", "imported_at"]
    list_select_related = ["article"]
    search_fields = ["article__title", "file_name"]
    date_hierarchy = "imported_at"


@admin.register(DailyVisits)
class DailyVisitsAdmin(ReadOnlyAdmin):
    list_display = ["day", "visits", "page_views"]
    list_filter = ["day"]
    date_hierarchy = "day"
