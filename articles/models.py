from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from .content.html import sanitize_html
from .content.images import bare_credit, reencoded, validate_article_image
from .content.slugs import unique_slug
from .importer.models import ArticleImport, ImportBatch  # noqa: F401  (Django finds an app's models here)
from .readers.models import (  # noqa: F401  (as above)
    ArticleDailyViews,
    Comment,
    CommentPolicy,
    DailyVisits,
    Rating,
    ReaderPresence,
)
from .search import Searchable
from .text.folding import nfc
from .text.searchable import html_text
from .text.slugs import slugify


class NamedWithSlug(models.Model):
    """A model named by ``name`` whose ``slug`` is made from it once, Vietnamese-aware."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


class Category(NamedWithSlug):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first in menus.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="category_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        keep_old_address(self, CategoryRedirect, "category")

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        category = super().from_db(db, field_names, values)
        category._loaded_slug = category.__dict__.get("slug")
        return category

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            seen.add(ancestor.pk)
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {
                        "parent": ValidationError(
                            _("A category cannot be placed inside itself or its own sub-categories."),
                            code="category_cycle",
                        )
                    }
                )
            ancestor = ancestor.parent

    def with_descendants(self):
        """This category and every one below it, for listings that include sub-categories."""
        found, level = [self], [self.pk]
        while level:
            children = list(Category.objects.filter(parent__in=level).exclude(pk__in=[c.pk for c in found]))
            found.extend(children)
            level = [child.pk for child in children]
        return found

    @classmethod
    def top_level_trees(cls, limit=None):
        """
        Each top-level category (menu order, at most ``limit``) with the ids of
        it and every category below it, read in one query.
        """
        categories = list(cls.objects.all())
        children = {}
        for category in categories:
            children.setdefault(category.parent_id, []).append(category.pk)
        trees = []
        for top in [category for category in categories if category.parent_id is None][:limit]:
            ids, level = [top.pk], [top.pk]
            while level:
                level = [child for pk in level for child in children.get(pk, []) if child not in ids]
                ids.extend(level)
            trees.append((top, ids))
        return trees

    def ancestors(self):
        """The categories above this one, from the top of the tree down."""
        chain, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain[::-1]


class Source(NamedWithSlug):
    """The outlet an article is credited to: "Theo CAND", "Theo CHINHPHU.VN"."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:source", kwargs={"slug": self.slug})


class Portal(NamedWithSlug):
    """The news site a page was scraped from (ANTV, Báo Hậu Giang, …)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    domain = models.CharField(_("domain"), max_length=253, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("portal")
        verbose_name_plural = _("portals")

    def __str__(self):
        return self.name


class Tag(TagBase):
    """A django-taggit tag whose slug folds Vietnamese accents like every other slug."""

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})

    def slugify(self, tag, i=None):
        slug = slugify(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_article_once"),
        ]


# What lists of articles never show: the body and its search copies, most of a row.
CARD_DEFERRED = ("body", "search_title", "search_body", "search_document", "imported_digests")


def published_condition(prefix="", *, now=None):
    """
    ``ArticleQuerySet.published`` as a condition, for rows that reach their
    article through ``prefix`` (e.g. ``"article__"``): a join, not a subquery.
    """
    now = now or timezone.now()
    return (
        (Q(**{f"{prefix}published_at__isnull": True}) | Q(**{f"{prefix}published_at__lte": now}))
        & (Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": now}))
        & Q(**{f"{prefix}status": Article.Status.PUBLISHED})
    )


class ArticleQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """
        What readers may see: published, not scheduled for later, not expired.

        A published article with no date (a scraped page that gave none) is
        public; its date is simply unknown. An expired one disappears at its
        expiry time, before ``archive_expired`` files it as archived.
        """
        return self.filter(published_condition(now=now))

    def expired(self, *, now=None):
        return self.filter(status=Article.Status.PUBLISHED, expires_at__lte=now or timezone.now())

    def scheduled(self, *, now=None):
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now())

    def articles(self):
        return self.filter(kind=Article.Kind.ARTICLE)

    def briefs(self):
        return self.filter(kind=Article.Kind.BRIEF)

    def featured(self):
        return self.filter(is_featured=True)

    LATEST_FIRST = (F("published_at").desc(nulls_last=True), F("created_at").desc())

    def latest(self):
        return self.order_by(*self.LATEST_FIRST)

    def latest_in_groups(self, groups, per_group):
        """
        The ``per_group`` latest articles of each group (a list of category-id
        lists), in one query; each article carries the index of its group as
        ``group``. An article in several groups' categories counts in the first.
        """
        group_of = {}
        for index, ids in enumerate(groups):
            for category_id in ids:
                group_of.setdefault(category_id, index)
        if not group_of:
            return self.none()
        group = Case(*(When(category_id=pk, then=Value(index)) for pk, index in group_of.items()))
        return (
            self.filter(category__in=group_of)
            .annotate(
                group=group,
                rank=Window(RowNumber(), partition_by=group, order_by=self.LATEST_FIRST),
            )
            .filter(rank__lte=per_group)
            .order_by("group", *self.LATEST_FIRST)
        )

    def for_cards(self):
        """Articles for lists: without CARD_DEFERRED."""
        return self.defer(*CARD_DEFERRED)

    def with_comment_counts(self):
        """Each article's published comments as ``comment_count``: one subquery, not a query per article."""
        approved = (
            Comment.objects.approved()
            .filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(comment_count=Coalesce(Subquery(approved), 0))

    def related_to(self, article, tags, limit, *, candidates=300):
        """
        "Tin liên quan", in one query: the articles sharing most of
        ``article``'s ``tags`` (among the newest ``candidates`` tagged with
        them, so a tag on 100,000 articles costs what a rare one does), then
        the newest of its category; titles and links only.
        """
        tag_ids = [tag.pk for tag in tags]
        tagged = (
            TaggedArticle.objects.filter(tag_id__in=tag_ids)
            .order_by("-content_object_id")
            .values("content_object_id")[:candidates]
        )
        nearby = Q(pk__in=tagged)
        if article.category_id:
            same_category = self.filter(category=article.category_id).latest().values("pk")[: limit + 1]
            nearby |= Q(pk__in=same_category)
        shared = models.Count("taggedarticle", filter=Q(taggedarticle__tag_id__in=tag_ids))
        return list(
            self.filter(nearby)
            .exclude(pk=article.pk)
            .annotate(shared_tags=shared)
            .order_by("-shared_tags", F("published_at").desc(nulls_last=True), "-pk")
            .only("title", "slug", "published_at", "published_precision")[:limit]
        )

    def most_viewed(self, *, days=None, limit=None):
        """
        Most viewed first, never an article nobody read: over the last
        ``days`` days (then all time; ``recent_views`` holds the period's
        count), or all time; the first ``limit`` of them. With both, only the articles that
        can place are ranked — those viewed in the period and the ``limit``
        most viewed of all time — instead of every article.
        """
        all_time = self.filter(view_count__gt=0).order_by("-view_count", "-created_at")
        if not days:
            return all_time[:limit] if limit else all_time
        since = timezone.localdate() - timedelta(days=days - 1)
        ranked = self.filter(view_count__gt=0)
        if limit:
            viewed = ArticleDailyViews.objects.filter(day__gte=since).values("article_id")
            ranked = ranked.filter(Q(pk__in=viewed) | Q(pk__in=all_time.values("pk")[:limit]))
        recent = models.Sum("daily_views__views", filter=Q(daily_views__day__gte=since), default=0)
        ranked = ranked.annotate(recent_views=recent).order_by("-recent_views", "-view_count", "-created_at")
        return ranked[:limit] if limit else ranked


class Article(Searchable):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        BRIEF = "brief", _("brief")

    class Language(models.TextChoices):
        VIETNAMESE = "vi", _("Vietnamese")
        ENGLISH = "en", _("English")

    class DatePrecision(models.TextChoices):
        MINUTE = "minute", _("day and time")
        DAY = "day", _("day only")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEW = "review", _("in review")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_("Made from the title when left empty."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.ARTICLE)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("HTML; anything unsafe is removed on save."))
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    tags = TaggableManager(verbose_name=_("tags"), through=TaggedArticle, blank=True)
    byline = models.CharField(_("byline"), max_length=200, blank=True, help_text=_('As printed, e.g. "BT".'))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    portal = models.ForeignKey(
        Portal,
        verbose_name=_("portal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("A future time schedules the article. Empty for an imported page that gave no date."),
    )
    published_precision = models.CharField(
        _("date shown as"),
        max_length=6,
        choices=DatePrecision,
        default=DatePrecision.MINUTE,
        help_text=_("Day only when the source printed no time: readers then see no invented 00:00."),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language,
        default=Language.VIETNAMESE,
        help_text=_("The language the article is written in."),
    )
    expires_at = models.DateTimeField(
        _("expires at"),
        null=True,
        blank=True,
        help_text=_("Optional: readers stop seeing the article then and it is archived, never deleted."),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Goes up with every save; guards against lost edits."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    revised_at = models.DateTimeField(
        _("text revised at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When an editor last changed what readers read; imports and counters leave it alone."),
    )
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    rating_sum = models.PositiveIntegerField(_("sum of ratings"), default=0, editable=False)
    rating_count = models.PositiveIntegerField(_("number of ratings"), default=0, editable=False)
    is_featured = models.BooleanField(_("featured"), default=False)
    comment_policy = models.CharField(
        _("who may comment"),
        max_length=10,
        choices=CommentPolicy,
        blank=True,
        help_text=_("Empty follows the site-wide setting."),
    )
    import_key = models.CharField(
        _("import key"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Identifies an imported page across re-imports."),
    )
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True, editable=False)
    imported_digests = models.JSONField(
        _("imported values"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("A digest of each field as the last import wrote it, to tell an editor's edits from it."),
    )

    objects = ArticleQuerySet.as_manager()
    # A revision per save, with who and when; derived and counter fields are left out.
    history = HistoricalRecords(
        excluded_fields=[
            "search_title",
            "search_body",
            "search_document",
            "view_count",
            "rating_sum",
            "rating_count",
            "content_hash",
            "imported_digests",
        ],
        verbose_name=_("article revision"),
    )

    class Meta:
        ordering = [F("published_at").desc(nulls_last=True), "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule, unpublish, feature and archive articles")),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_published_idx"),
            models.Index(fields=["category", "status", "-published_at"], name="article_category_listing_idx"),
            models.Index(fields=["kind", "status", "-published_at"], name="article_kind_listing_idx"),
            # The next expiry, which ends the readers' cached pages (articles/readers/page_cache.py).
            models.Index(
                fields=["expires_at"], condition=Q(expires_at__isnull=False), name="article_expiry_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["import_key"], condition=~Q(import_key=""), name="article_import_key_unique"
            ),
            models.CheckConstraint(
                condition=Q(rating_sum__gte=F("rating_count")) & Q(rating_sum__lte=F("rating_count") * 5),
                name="article_rating_sum_within_scores",
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        # The address it was loaded with: a changed slug leaves a redirect behind.
        article._loaded_slug = article.__dict__.get("slug")
        return article

    # What readers read: a change to one of these is a revision of the article.
    READER_FIELDS = ("title", "lead", "body", "kind", "byline", "category", "tags", "language")

    @property
    def modified_at(self):
        """
        The article's own modification time, for feeds, sitemaps and search
        engines: its last revision by an editor, or its publication; never
        the time an import or a counter touched the row.
        """
        moments = [moment for moment in (self.published_at, self.revised_at) if moment]
        return max(moments) if moments else None

    def save(self, *args, **kwargs):
        self.prepare()
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version", "updated_at"}
        super().save(*args, **kwargs)
        keep_old_address(self, ArticleRedirect, "article")

    def prepare(self):
        """
        The rules every stored article follows, whether saved one by one or
        in bulk: NFC text, a sanitised body, and a date when published here.
        """
        self.title = nfc(self.title).strip()
        self.lead = nfc(self.lead).strip()
        self.byline = nfc(self.byline).strip()
        self.body = sanitize_html(nfc(self.body))
        self.update_search_text()
        # An editor publishing without a date publishes now; an imported page
        # without a date keeps it unknown rather than getting an invented one.
        if self.status == self.Status.PUBLISHED and self.published_at is None and not self.import_key:
            self.published_at = timezone.now()

    def search_parts(self):
        return self.title, (self.lead, html_text(self.body))

    def get_absolute_url(self):
        return reverse("articles:article", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and (self.published_at is None or self.published_at <= now)
            and (self.expires_at is None or self.expires_at > now)
        )

    @property
    def is_scheduled(self):
        """Published by an editor to go out later: readers see it from ``published_at``."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def status_label(self):
        """The status as editors think of it: a published article still to go out is "scheduled"."""
        return _("scheduled") if self.is_scheduled else self.get_status_display()

    @property
    def effective_comment_policy(self):
        return self.comment_policy or settings.COMMENTS_POLICY

    @property
    def average_rating(self):
        return round(self.rating_sum / self.rating_count, 1) if self.rating_count else None


def keep_old_address(instance, redirect_model, field):
    """
    After a save that changed ``instance``'s slug, its old address leads to
    it (and its new one is no longer anybody's old address).
    """
    old_slug = getattr(instance, "_loaded_slug", None)
    if old_slug and old_slug != instance.slug:
        redirect_model.objects.filter(old_slug=instance.slug).delete()
        redirect_model.objects.update_or_create(old_slug=old_slug, defaults={field: instance})
    instance._loaded_slug = instance.slug


class CategoryRedirect(models.Model):
    """A category's former address, kept when its slug changes so old links and bookmarks still reach it."""

    old_slug = models.SlugField(_("old address"), max_length=200, unique=True)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="redirects"
    )

    class Meta:
        verbose_name = _("old category address")
        verbose_name_plural = _("old category addresses")

    def __str__(self):
        return f"{self.old_slug} → {self.category.slug}"


class ArticleRedirect(models.Model):
    """An article's former address, kept when an editor changes its slug so old links still reach it."""

    old_slug = models.SlugField(_("old address"), max_length=255, unique=True)
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="redirects"
    )

    class Meta:
        verbose_name = _("old article address")
        verbose_name_plural = _("old article addresses")

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"


class ArticleImage(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="images"
    )
    image = models.ImageField(
        _("image"),
        upload_to="articles/%Y/%m/",
        blank=True,
        validators=[validate_article_image],
        width_field="width",
        height_field="height",
        help_text=_("May stay empty for an imported picture whose file was not scraped."),
    )
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_lead = models.BooleanField(
        _("lead picture"),
        default=False,
        help_text=_("Shown at the top of the article, on lists and on share cards. One per article."),
    )
    after_paragraph = models.PositiveSmallIntegerField(
        _("after paragraph"),
        null=True,
        blank=True,
        help_text=_(
            "Places the picture inside the text, after this paragraph (1 = the first). Empty: above the text."
        ),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("article image")
        verbose_name_plural = _("article images")
        constraints = [
            models.UniqueConstraint(
                fields=["article"], condition=models.Q(is_lead=True), name="one_lead_picture_per_article"
            )
        ]

    def __str__(self):
        return self.original_filename or (self.image.name if self.image else str(self.pk))

    def save(self, *args, **kwargs):
        self.caption = nfc(self.caption).strip()
        self.credit = bare_credit(nfc(self.credit))
        if self.image and not self.image._committed:
            self.image = reencoded(self.image)
        super().save(*args, **kwargs)

    @property
    def has_file(self):
        return bool(self.image)
