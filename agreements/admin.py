from django import forms
from django.contrib import admin, messages
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.fields import CountryField

from articles.admin import HTTPS_URL_FIELDS, ArticleAdmin, ArticleImageInline, VietnameseSlugMedia
from articles.importer.admin import ArticleImportInline
from articles.models import Article
from articles.publishing.audit import record
from articles.readers.page_cache import pages_changed

from .models import (
    Agency,
    AgencyAlias,
    AgencyRedirect,
    Agreement,
    AgreementParty,
    ArticleAgency,
    ArticleAgreement,
    ArticleEvent,
    CountryAlias,
    Event,
    EventParticipant,
    ReviewStatus,
)
from .services import merge_agencies, review


class CountryAutocompleteMixin:
    """Country fields searched by their Vietnamese names (static/js/admin-countries.js)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, CountryField) and formfield is not None:
            formfield.widget.attrs["class"] = "country-autocomplete"
        return formfield

    @property
    def media(self):
        select2 = forms.Media(
            js=[
                "admin/js/vendor/jquery/jquery.min.js",
                "admin/js/vendor/select2/select2.full.min.js",
                "admin/js/vendor/select2/i18n/vi.js",
                "admin/js/jquery.init.js",
                "js/admin-countries.js",
            ],
            css={"screen": ["admin/css/vendor/select2/select2.min.css", "admin/css/autocomplete.css"]},
        )
        return super().media + select2


EVIDENCE_SHOWN = 240  # characters of the evidence sentence in a list row


class EvidenceColumnMixin:
    """Fact-checking from the list: each record with the sentence that proves it and the article it comes from."""

    @property
    def _links(self):
        # Agreement → "articleagreement_set", …
        return f"article{self.model._meta.model_name}_set"

    def get_queryset(self, request):
        # The first link of each record on the page (a window query, however
        # many articles name it), and how many there are, counted per row.
        links = getattr(self.model, self._links).rel.related_model
        record = self.model._meta.model_name
        kept = links.objects.exclude(review_status=ReviewStatus.REJECTED)
        first_link = kept.select_related("article").order_by("pk").only("evidence", "article__title", record)
        count = (
            kept.filter(**{record: OuterRef("pk")})
            .order_by()
            .values(record)
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(evidence_count=Coalesce(Subquery(count), 0))
            .prefetch_related(Prefetch(self._links, queryset=first_link[:1], to_attr="first_links"))
        )

    @admin.display(description=_("evidence"))
    def evidence(self, record):
        if not record.first_links:
            return "—"
        first = record.first_links[0]
        sentence = (
            first.evidence
            if len(first.evidence) <= EVIDENCE_SHOWN
            else first.evidence[:EVIDENCE_SHOWN].rsplit(" ", 1)[0] + "…"
        )
        more = record.evidence_count - 1
        return format_html(
            '<q class="evidence-quote">{}</q> <a href="{}">{}</a>{}',
            sentence or _("(no sentence kept)"),
            reverse("admin:articles_article_change", args=[first.article_id]),
            first.article.title,
            format_html(
                ' <span class="help">{}</span>',
                ngettext("and %(count)d more article", "and %(count)d more articles", more) % {"count": more},
            )
            if more
            else "",
        )


class ReviewActionsMixin:
    """Bulk confirm or reject what the extractor suggested."""

    actions = ["confirm", "reject"]

    @admin.action(description=_("Confirm selected"), permissions=["change"])
    def confirm(self, request, queryset):
        self._review(request, queryset, ReviewStatus.CONFIRMED)

    @admin.action(description=_("Reject selected (they will not be suggested again)"), permissions=["change"])
    def reject(self, request, queryset):
        self._review(request, queryset, ReviewStatus.REJECTED)

    def _review(self, request, queryset, status):
        record(request.user, queryset, ReviewStatus(status).label)
        count, links = review(queryset, status)
        pages_changed()
        message = ngettext(
            "%(count)d record marked %(status)s.", "%(count)d records marked %(status)s.", count
        ) % {
            "count": count,
            "status": ReviewStatus(status).label,
        }
        if links:
            message += " " + ngettext(
                "%(links)d suggested link from an article was confirmed with it.",
                "%(links)d suggested links from articles were confirmed with them.",
                links,
            ) % {"links": links}
        self.message_user(request, message, messages.SUCCESS)


class ArticleLinkInline(admin.TabularInline):
    """The articles that name a record, with the sentence that proves it."""

    extra = 0
    fields = ["article", "evidence", "review_status"]
    autocomplete_fields = ["article"]
    verbose_name = _("article naming it")
    verbose_name_plural = _("articles naming it")


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 1
    fields = ["name"]


class ArticleAgencyInline(ArticleLinkInline):
    model = ArticleAgency


@admin.register(Agency)
class AgencyAdmin(CountryAutocompleteMixin, EvidenceColumnMixin, ReviewActionsMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "country", "evidence", "review_status"]
    list_filter = ["review_status", "kind", "country"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "aliases__name"]
    autocomplete_fields = ["parent"]
    formfield_overrides = HTTPS_URL_FIELDS
    inlines = [AgencyAliasInline, ArticleAgencyInline]
    actions = [*ReviewActionsMixin.actions, "merge"]

    @admin.action(
        description=_("Merge selected agencies into the first confirmed one"), permissions=["delete"]
    )
    def merge(self, request, queryset):
        agencies = list(queryset.order_by("pk"))
        if len(agencies) < 2:
            self.message_user(request, _("Select at least two agencies to merge."), messages.WARNING)
            return
        survivor = next((a for a in agencies if a.review_status == ReviewStatus.CONFIRMED), agencies[0])
        record(request.user, agencies, _("Merged into %(agency)s") % {"agency": survivor})
        merge_agencies(survivor=survivor, others=agencies)
        self.message_user(
            request,
            _("%(count)d agencies merged into %(agency)s.")
            % {"count": len(agencies) - 1, "agency": survivor},
            messages.SUCCESS,
        )


class AgreementPartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 1
    autocomplete_fields = ["agency"]


class ArticleAgreementInline(ArticleLinkInline):
    model = ArticleAgreement


@admin.register(Agreement)
class AgreementAdmin(CountryAutocompleteMixin, EvidenceColumnMixin, ReviewActionsMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "signed_display", "place", "evidence", "review_status"]
    list_filter = ["review_status", "kind", "status", "signed_precision", "signed_on"]
    search_fields = ["title", "summary", "place", "parties__name", "parties__short_name"]
    Media = VietnameseSlugMedia
    autocomplete_fields = ["event"]
    date_hierarchy = "signed_on"
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "summary", "countries"]}),
        (_("Signing"), {"fields": ["signed_on", "signed_precision", "place", "event"]}),
        (_("Validity"), {"fields": ["valid_from", "valid_until", "validity_precision"]}),
        (_("Review"), {"fields": ["review_status"]}),
    ]
    inlines = [AgreementPartyInline, ArticleAgreementInline]

    @admin.display(description=_("date signed"), ordering="signed_on")
    def signed_display(self, agreement):
        return agreement.signed_display


class EventParticipantInline(admin.TabularInline):
    model = EventParticipant
    extra = 1
    autocomplete_fields = ["agency"]


class ArticleEventInline(ArticleLinkInline):
    model = ArticleEvent


@admin.register(Event)
class EventAdmin(CountryAutocompleteMixin, EvidenceColumnMixin, ReviewActionsMixin, admin.ModelAdmin):
    list_display = ["name", "label", "kind", "date_display", "place", "evidence", "review_status"]
    list_filter = ["review_status", "kind", "country", "start_on"]
    search_fields = ["name", "acronym", "place"]
    Media = VietnameseSlugMedia
    date_hierarchy = "start_on"
    inlines = [EventParticipantInline, ArticleEventInline]

    @admin.display(description=_("short name"))
    def label(self, event):
        return event.label

    @admin.display(description=_("dates"), ordering="start_on")
    def date_display(self, event):
        return event.date_display


@admin.register(ArticleAgency, ArticleAgreement, ArticleEvent)
class ArticleLinkAdmin(ReviewActionsMixin, admin.ModelAdmin):
    """One working list per link type, for checking what the extractor suggested."""

    list_filter = ["review_status", "created_at"]

    @property
    def linked_field(self):
        # ArticleAgency → "agency", ArticleAgreement → "agreement", …
        return self.model.__name__.removeprefix("Article").lower()

    def get_list_display(self, request):
        return ["article", self.linked_field, "evidence", "review_status", "created_at"]

    def get_list_select_related(self, request):
        return ["article", self.linked_field]

    def get_search_fields(self, request):
        record_name = "title" if self.linked_field == "agreement" else "name"
        return ["article__title", f"{self.linked_field}__{record_name}", "evidence"]

    def get_autocomplete_fields(self, request):
        return ["article", self.linked_field]


@admin.register(CountryAlias)
class CountryAliasAdmin(CountryAutocompleteMixin, admin.ModelAdmin):
    list_display = ["name", "country"]
    list_filter = ["country"]
    search_fields = ["name", "folded_name"]


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


class ArticleWithRecordsAdmin(ArticleAdmin):
    """The article form, with the records the extractor linked to the article for editors to check."""

    inlines = [
        ArticleImageInline,
        ArticleAgreementInline,
        ArticleEventInline,
        ArticleAgencyInline,
        ArticleImportInline,
    ]


admin.site.unregister(Article)
admin.site.register(Article, ArticleWithRecordsAdmin)


@admin.register(AgencyRedirect)
class AgencyRedirectAdmin(admin.ModelAdmin):
    """Addresses of merged agencies, kept so old links reach the agency they were merged into."""

    list_display = ["old_slug", "agency"]
    search_fields = ["old_slug", "agency__name"]
    autocomplete_fields = ["agency"]
