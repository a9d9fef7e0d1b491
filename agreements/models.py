"""
The record of who cooperates with whom: agencies, the agreements they sign,
the events where that happens, and the articles that prove each of them.
"""

import functools
from collections import Counter

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField

from articles.content.slugs import unique_slug
from articles.models import Article
from articles.search import Searchable
from articles.text.folding import match_key, nfc

from .dates import DatePrecision, format_partial_date, pin, precision_matches_date


def country_names(codes):
    """A country's names in both site languages, so either finds it in search."""
    return [name for code in codes for name in _names_of(getattr(code, "code", code) or "")]


@functools.cache
def _names_of(code):
    if not code:
        return ()
    names = []
    for language in ("vi", "en"):
        with translation.override(language):
            names.append(str(countries.name(code)))
    return tuple(names)


class ReviewStatus(models.TextChoices):
    """Whether an editor has checked a record or link the extractor suggested."""

    SUGGESTED = "suggested", _("suggested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class ReviewQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(review_status=ReviewStatus.CONFIRMED)

    def suggested(self):
        return self.filter(review_status=ReviewStatus.SUGGESTED)

    def not_rejected(self):
        return self.exclude(review_status=ReviewStatus.REJECTED)


def review_status_field():
    return models.CharField(
        _("review status"),
        max_length=10,
        choices=ReviewStatus,
        default=ReviewStatus.CONFIRMED,
        db_index=True,
        help_text=_("Records found by the extractor stay suggested until an editor checks them."),
    )


class Agency(Searchable):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("ministry")
        POLICE = "police", _("police")
        JUDICIARY = "judiciary", _("judiciary")
        INTERNATIONAL_ORGANISATION = "international", _("international organisation")
        FORUM = "forum", _("forum")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(
        _("short name"), max_length=50, blank=True, help_text=_('Acronym, e.g. "UNODC".')
    )
    slug = models.SlugField(_("slug"), max_length=255, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind, default=Kind.OTHER)
    country = CountryField(_("country"), blank=True, help_text=_("Empty for international organisations."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    review_status = review_status_field()
    articles = models.ManyToManyField(
        Article,
        verbose_name=_("articles"),
        through="ArticleAgency",
        related_name="agencies",
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="agency_name_unique_in_country"),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="agency_not_own_parent"),
        ]

    def __str__(self):
        label = f"{self.name} ({self.short_name})" if self.short_name else self.name
        return f"{label} — {self.country.name}" if self.country else label

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.short_name = nfc(self.short_name).strip()
        if not self.slug:
            self.slug = unique_slug(self, f"{self.name} {self.country.code}".strip())
        self.update_search_text()
        super().save(*args, **kwargs)

    def search_parts(self):
        return f"{self.name} {self.short_name}", (*country_names([self.country.code]), self.description)

    def get_absolute_url(self):
        return reverse("agreements:agency", kwargs={"slug": self.slug})


def fold_alias(name):
    """How an alias is matched: accents, đ, case and spacing do not matter."""
    return match_key(nfc(name))


class AgencyAlias(models.Model):
    """Another name an agency goes by in the news: "Bộ Công an nước CHXHCN Việt Nam"."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("alias"), max_length=300)
    folded_name = models.CharField(_("folded alias"), max_length=300, db_index=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency alias")
        verbose_name_plural = _("agency aliases")
        constraints = [
            models.UniqueConstraint(fields=["agency", "folded_name"], name="agency_alias_once"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.folded_name = fold_alias(self.name)
        super().save(*args, **kwargs)


class AgencyRedirect(models.Model):
    """The address of an agency merged into another: readers and links that used it reach the survivor."""

    old_slug = models.SlugField(_("old address"), max_length=255, unique=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="redirects"
    )

    class Meta:
        verbose_name = _("old agency address")
        verbose_name_plural = _("old agency addresses")

    def __str__(self):
        return f"{self.old_slug} → {self.agency}"


class CountryAlias(models.Model):
    """A name the press uses for a country: "Hoa Kỳ", "Mỹ", "Italia", "Campuchia"."""

    name = models.CharField(_("name"), max_length=100)
    folded_name = models.CharField(_("folded name"), max_length=100, unique=True, editable=False)
    country = CountryField(_("country"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("country name")
        verbose_name_plural = _("country names")

    def __str__(self):
        return f"{self.name} → {self.country.name}"

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.folded_name = fold_alias(self.name)
        super().save(*args, **kwargs)


class Event(Searchable):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("conference")
        FORUM = "forum", _("forum")
        VISIT = "visit", _("visit")
        TALKS = "talks", _("talks")
        OPERATION = "operation", _("operation")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.OTHER)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True, help_text=_('E.g. "AMMTC".'))
    ordinal = models.PositiveSmallIntegerField(
        _("ordinal"), null=True, blank=True, help_text=_('"lần thứ 15" is 15.')
    )
    start_on = models.DateField(_("starts on"), null=True, blank=True)
    end_on = models.DateField(_("ends on"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=7, choices=DatePrecision, default=DatePrecision.UNKNOWN
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    participants = models.ManyToManyField(
        Agency,
        verbose_name=_("participating agencies"),
        through="EventParticipant",
        related_name="events",
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    review_status = review_status_field()
    articles = models.ManyToManyField(
        Article, verbose_name=_("articles"), through="ArticleEvent", related_name="events", blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = [F("start_on").desc(nulls_last=True), "name"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start_on"], name="event_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(start_on__isnull=False, end_on__gte=F("start_on")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=precision_matches_date("start_on", "date_precision"),
                name="event_date_matches_precision",
            ),
            models.CheckConstraint(
                condition=Q(ordinal__isnull=True) | Q(ordinal__gte=1), name="event_ordinal_positive"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.label})" if self.label and self.label not in self.name else self.name

    def save(self, *args, **kwargs):
        self.prepare()
        if not self.slug:
            self.slug = unique_slug(self, self.slug_source)
        super().save(*args, **kwargs)

    def prepare(self):
        """The rules every stored event follows, saved alone or in bulk (slugs aside)."""
        self.name = nfc(self.name).strip()
        self.start_on = pin(self.start_on, self.date_precision)
        self.end_on = pin(self.end_on, self.date_precision) if self.start_on else None
        self.update_search_text()

    @property
    def slug_source(self):
        return self.label or self.name

    def search_parts(self):
        return f"{self.name} {self.label}", (
            self.place,
            *country_names([self.country.code]),
            self.description,
        )

    def get_absolute_url(self):
        return reverse("agreements:event", kwargs={"slug": self.slug})

    @property
    def label(self):
        """The short name the press uses: "AMMTC 15", or the acronym alone."""
        if self.acronym and self.ordinal:
            return f"{self.acronym} {self.ordinal}"
        return self.acronym

    @property
    def date_display(self):
        start = format_partial_date(self.start_on, self.date_precision)
        if self.end_on and self.end_on != self.start_on:
            return f"{start} – {format_partial_date(self.end_on, self.date_precision)}"
        return start


class EventParticipant(models.Model):
    class Role(models.TextChoices):
        HOST = "host", _("host")
        CHAIR = "chair", _("chair")
        PARTICIPANT = "participant", _("participant")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE)
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=12, choices=Role, default=Role.PARTICIPANT)

    class Meta:
        verbose_name = _("event participant")
        verbose_name_plural = _("event participants")
        constraints = [
            models.UniqueConstraint(fields=["event", "agency"], name="event_participant_once"),
        ]

    def __str__(self):
        return f"{self.agency} — {self.get_role_display()}"


class AgreementQuerySet(ReviewQuerySet):
    def signed_in(self, year):
        return self.filter(signed_on__year=year)

    def with_country(self, country_code):
        return self.filter(countries__contains=country_code)

    def country_counts(self):
        """How many of these agreements involve each country, by ISO code."""
        counts = Counter()
        for agreement in self.only("countries"):
            counts.update(country.code for country in agreement.countries)
        return counts


class Agreement(Searchable):
    class Kind(models.TextChoices):
        TREATY = "treaty", _("treaty (hiệp định)")
        MOU = "mou", _("memorandum of understanding (bản ghi nhớ)")
        COOPERATION_AGREEMENT = "cooperation", _("cooperation agreement (thỏa thuận)")
        MINUTES = "minutes", _("minutes (biên bản)")
        PROGRAMME = "programme", _("programme (chương trình)")
        ACTION_PLAN = "action_plan", _("action plan (kế hoạch)")
        DECLARATION = "declaration", _("declaration (tuyên bố)")
        CONVENTION = "convention", _("convention (công ước)")
        PROTOCOL = "protocol", _("protocol (nghị định thư)")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        NEGOTIATING = "negotiating", _("under negotiation")
        SIGNED = "signed", _("signed")
        IN_FORCE = "in_force", _("in force")
        EXPIRED = "expired", _("expired")
        TERMINATED = "terminated", _("terminated")

    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.OTHER)
    parties = models.ManyToManyField(
        Agency,
        verbose_name=_("parties"),
        through="AgreementParty",
        related_name="agreements",
        blank=True,
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_precision = models.CharField(
        _("precision of the signing date"),
        max_length=7,
        choices=DatePrecision,
        default=DatePrecision.UNKNOWN,
    )
    place = models.CharField(_("place of signing"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    validity_precision = models.CharField(
        _("precision of the validity period"),
        max_length=7,
        choices=DatePrecision,
        default=DatePrecision.YEAR,
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.SIGNED)
    event = models.ForeignKey(
        Event,
        verbose_name=_("signed at event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
    )
    summary = models.TextField(_("summary"), blank=True)
    review_status = review_status_field()
    articles = models.ManyToManyField(
        Article,
        verbose_name=_("articles"),
        through="ArticleAgreement",
        related_name="agreements",
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = [F("signed_on").desc(nulls_last=True), "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [models.Index(fields=["signed_on"], name="agreement_signed_idx")]
        constraints = [
            models.CheckConstraint(
                condition=precision_matches_date("signed_on", "signed_precision"),
                name="agreement_signed_date_matches_precision",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="agreement_valid_from_before_until",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = nfc(self.title).strip()
        self.place = nfc(self.place).strip()
        self.signed_on = pin(self.signed_on, self.signed_precision)
        self.valid_from = pin(self.valid_from, self.validity_precision)
        self.valid_until = pin(self.valid_until, self.validity_precision)
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        self.update_search_text()
        super().save(*args, **kwargs)

    def search_parts(self):
        codes = [country.code for country in self.countries]
        return self.title, (self.place, *country_names(codes), self.summary)

    def get_absolute_url(self):
        return reverse("agreements:agreement", kwargs={"slug": self.slug})

    @property
    def signed_display(self):
        return format_partial_date(self.signed_on, self.signed_precision)

    @property
    def validity_display(self):
        if not (self.valid_from or self.valid_until):
            return ""
        parts = [
            format_partial_date(day, self.validity_precision) if day else "…"
            for day in (self.valid_from, self.valid_until)
        ]
        return "–".join(parts)


class AgreementParty(models.Model):
    class Role(models.TextChoices):
        PARTY = "party", _("party")
        WITNESS = "witness", _("witness")
        OTHER = "other", _("other")

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE)
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.PARTY)
    signatory = models.CharField(
        _("signatory"), max_length=200, blank=True, help_text=_('Who signed, e.g. "Tô Lâm".')
    )
    signatory_title = models.CharField(
        _("signatory's title"), max_length=300, blank=True, help_text=_('E.g. "Bộ trưởng Bộ Công an".')
    )

    class Meta:
        verbose_name = _("party to an agreement")
        verbose_name_plural = _("parties to agreements")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "agency"], name="agreement_party_once"),
        ]

    def __str__(self):
        return f"{self.agency} — {self.signatory}" if self.signatory else str(self.agency)

    def save(self, *args, **kwargs):
        self.signatory = nfc(self.signatory).strip()
        self.signatory_title = nfc(self.signatory_title).strip()
        super().save(*args, **kwargs)


class ArticleLink(models.Model):
    """An article names a record; the evidence is the sentence that says so."""

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE)
    evidence = models.TextField(_("evidence sentence"), blank=True)
    review_status = review_status_field()
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.evidence = nfc(self.evidence).strip()
        super().save(*args, **kwargs)


class ArticleAgency(ArticleLink):
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("agency named in an article")
        verbose_name_plural = _("agencies named in articles")
        constraints = [
            models.UniqueConstraint(fields=["article", "agency"], name="article_agency_once"),
        ]

    def __str__(self):
        return f"{self.article} → {self.agency}"


class ArticleAgreement(ArticleLink):
    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("agreement named in an article")
        verbose_name_plural = _("agreements named in articles")
        constraints = [
            models.UniqueConstraint(fields=["article", "agreement"], name="article_agreement_once"),
        ]

    def __str__(self):
        return f"{self.article} → {self.agreement}"


class ArticleEvent(ArticleLink):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("event named in an article")
        verbose_name_plural = _("events named in articles")
        constraints = [
            models.UniqueConstraint(fields=["article", "event"], name="article_event_once"),
        ]

    def __str__(self):
        return f"{self.article} → {self.event}"


def cooperation_record(article):
    """The agencies, agreements and events the article names, with the sentence that says so."""

    def links(model, field):
        return (
            model.objects.filter(article=article)
            .not_rejected()
            .exclude(**{f"{field}__review_status": ReviewStatus.REJECTED})
            .select_related(field)
            .order_by("pk")
        )

    return {
        "agencies": links(ArticleAgency, "agency"),
        "agreements": links(ArticleAgreement, "agreement"),
        "events": links(ArticleEvent, "event"),
    }
