from django.contrib import admin
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag as TaggitTag

from .models import (
    Article,
    ArticleDailyViews,
    ArticleImage,
    ArticleImport,
    Category,
    Comment,
    DailyVisits,
    Portal,
    Rating,
    Source,
    Tag,
)

# Bare addresses typed by editors ("antv.gov.vn") are taken as https.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Newsroom")

# The project tags articles with its own Tag model (Vietnamese-aware slugs);
# taggit's generic one would only confuse editors.
admin.site.unregister(TaggitTag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, tag):
        return tag.article_count


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "position", "slug"]
    list_editable = ["position"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "website", "article_count"]
    formfield_overrides = HTTPS_URL_FIELDS
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
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
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "source", "portal", "author"]
    readonly_fields = [
        "view_count",
        "rating_sum",
        "rating_count",
        "import_key",
        "content_hash",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "lead", "body", "tags"]}),
        (
            _("Publishing"),
            {"fields": ["status", "published_at", "is_featured", "category", "author", "byline"]},
        ),
        (_("Origin"), {"fields": ["source", "portal", "import_key", "content_hash"]}),
        (
            _("Readers"),
            {
                "classes": ["collapse"],
                "fields": ["view_count", "rating_sum", "rating_count", "created_at", "updated_at"],
            },
        ),
    ]
    inlines = [ArticleImageInline, ArticleImportInline]

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
