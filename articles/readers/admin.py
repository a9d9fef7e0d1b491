"""Readers' side in the admin: comment moderation and the counters, which only the site writes."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ArticleDailyViews, Comment, DailyVisits, Rating
from .page_cache import pages_changed


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
        pages_changed()
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


@admin.register(DailyVisits)
class DailyVisitsAdmin(ReadOnlyAdmin):
    list_display = ["day", "visits", "page_views"]
    list_filter = ["day"]
    date_hierarchy = "day"
