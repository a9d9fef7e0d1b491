"""
The content in the admin: articles, their pictures, tags, categories,
sources, portals. The importer's and the readers' models have their admin
beside their code (``importer/admin.py``, ``readers/admin.py``), imported
here so that Django's autodiscovery finds them.
"""

import functools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count, Q
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media as JsMedia
from simple_history.admin import SimpleHistoryAdmin
from taggit.forms import TagWidget
from taggit.models import Tag as TaggitTag

from .content.html import BODY_EDITOR
from .content.renditions import SIZES, rendition
from .importer import uploads
from .importer.admin import ArticleImportInline
from .models import (
    Article,
    ArticleImage,
    ArticleRedirect,
    Category,
    CategoryRedirect,
    Comment,
    Portal,
    Source,
    Tag,
)
from .publishing import locks, workflow
from .publishing.audit import record
from .publishing.signals import article_edited
from .readers import admin as readers_admin
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


class ArticleImageFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        leads = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_lead") and not form.cleaned_data.get("DELETE")
        ]
        if len(leads) > 1:
            raise forms.ValidationError(
                _("Only one picture can be the lead picture; untick all but one."), code="two_leads"
            )


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    formset = ArticleImageFormSet
    extra = 0
    fields = ["thumbnail", "image", "is_lead", "after_paragraph", "position", "caption", "credit"]
    readonly_fields = ["thumbnail"]

    @admin.display(description=_("picture"))
    def thumbnail(self, picture):
        """The picture as the editor will see it on the site, small; its size under it."""
        if not picture.pk or not picture.has_file:
            # An imported picture whose file was not scraped: its name says which one to upload.
            return picture.original_filename or "—"
        try:
            src, _width, _height = rendition(picture, SIZES["thumb"][0])
        except (OSError, ValueError):
            return "—"
        return format_html(
            '<img src="{}" alt="" loading="lazy"><span class="help">{} × {}</span>',
            src,
            picture.width or "?",
            picture.height or "?",
        )


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
            "title", "slug", "kind", "language", "lead", "body", "tags", "status", "published_at",
            "published_precision", "expires_at", "is_featured", "category", "author", "byline", "comment_policy",
            "source", "portal",
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


class PublicationFilter(admin.SimpleListFilter):
    """Whether readers see a published article now, later (scheduled) or no longer (expired)."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("live", _("visible to readers")), ("scheduled", _("scheduled")), ("expired", _("expired"))]

    def queryset(self, request, queryset):
        return {
            "live": queryset.published,
            "scheduled": queryset.scheduled,
            "expired": queryset.expired,
        }.get(self.value(), queryset.all)()


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    Media = VietnameseSlugMedia
    form = ArticleAdminForm
    action_form = ArticleActionForm
    list_display = [
        "title",
        "kind",
        "shown_status",
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
        PublicationFilter,
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
        (None, {"fields": ["title", "slug", "kind", "language", "lead", "body", "tags"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "published_precision",
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
    # Other apps add what they link to articles by subclassing (agreements/admin.py).
    inlines = [ArticleImageInline, ArticleImportInline]
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
            fields += [
                "published_at",
                "published_precision",
                "expires_at",
                "is_featured",
                "comment_policy",
                "author",
            ]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return functools.partial(form, user=request.user)

    def get_inlines(self, request, obj):
        if workflow.can_publish(request.user):
            return self.inlines
        return ArticleAdmin.inlines

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
                if set(form.changed_data) & set(Article.READER_FIELDS):
                    obj.revised_at = timezone.now()
            super().save_model(request, obj, form, change)
            transaction.on_commit(lambda: article_edited.send(sender=type(self), article=obj))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article_id = int(object_id) if str(object_id).isdigit() else None
        if article_id is not None and request.method == "GET":
            other = locks.holder(article_id)
            if other and other.user_id != request.user.pk and "take_over" not in request.GET:
                take_over = f"{request.path}?take_over=1"
                self.message_user(
                    request,
                    format_html(
                        _('{name} has had this article open since {since}. <a href="{url}">Take over</a>'),
                        name=other.name,
                        since=date_format(timezone.localtime(other.since), "H:i d/m/Y"),
                        url=take_over,
                    ),
                    messages.WARNING,
                )
            else:
                locks.take(article_id, request.user)
        response = super().change_view(request, object_id, form_url, extra_context)
        if article_id is not None and request.method == "POST" and response.status_code == 302:
            locks.release(article_id, request.user)
        return response

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

    @admin.display(description=_("status"), ordering="status")
    def shown_status(self, article):
        return article.status_label

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

    def _report(self, request, count, message, queryset=None, action=None):
        if queryset is not None:
            record(request.user, queryset, action)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(
        description=_("Publish (or schedule, when the date is in the future)"), permissions=["publish"]
    )
    def publish(self, request, queryset):
        self._report(
            request,
            workflow.publish(queryset),
            _("%(count)d articles published or scheduled."),
            queryset,
            _("Published"),
        )

    @admin.action(description=_("Unpublish (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._report(
            request,
            workflow.unpublish(queryset),
            _("%(count)d articles unpublished."),
            queryset,
            _("Unpublished"),
        )

    @admin.action(description=_("Feature on the home page"), permissions=["publish"])
    def feature(self, request, queryset):
        self._report(
            request, workflow.feature(queryset), _("%(count)d articles featured."), queryset, _("Featured")
        )

    @admin.action(description=_("Archive"), permissions=["publish"])
    def archive(self, request, queryset):
        self._report(
            request, workflow.archive(queryset), _("%(count)d articles archived."), queryset, _("Archived")
        )

    @admin.action(description=_("Move to category"), permissions=["publish"])
    def move_to_category(self, request, queryset):
        category = Category.objects.filter(pk=request.POST.get("category") or None).first()
        if category is None:
            self.message_user(request, _("Choose the category to move the articles to."), messages.ERROR)
            return
        self._report(
            request,
            workflow.move_to_category(queryset, category),
            _("%(count)d articles moved."),
            queryset,
            _("Moved to %(category)s") % {"category": category},
        )


@admin.register(CategoryRedirect)
class CategoryRedirectAdmin(admin.ModelAdmin):
    """Former addresses of categories whose slug changed; each leads to the category."""

    list_display = ["old_slug", "category"]
    list_select_related = ["category"]
    search_fields = ["old_slug", "category__name"]


@admin.register(ArticleRedirect)
class ArticleRedirectAdmin(admin.ModelAdmin):
    """Former addresses of articles whose slug an editor changed; each leads to the article."""

    list_display = ["old_slug", "article"]
    list_select_related = ["article"]
    search_fields = ["old_slug", "article__title"]
    autocomplete_fields = ["article"]


@admin.register(LogEntry)
class AuditLogAdmin(readers_admin.ReadOnlyAdmin):
    """
    Who did what in the newsroom, and when (publishing/audit.py):
    readable by superusers and whoever is given "view log entry" (an
    editor-in-chief), never editable.
    """

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag", "change_message"]
    list_filter = ["action_flag", "action_time", ("user", admin.RelatedOnlyFieldListFilter), "content_type"]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
