"""What readers leave: comments, ratings, and the counters of views and visits."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..text.folding import nfc


class CommentPolicy(models.TextChoices):
    EVERYONE = "everyone", _("everyone")
    MEMBERS = "members", _("members only")
    CLOSED = "closed", _("closed")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        SPAM = "spam", _("spam")

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    author_name = models.CharField(_("name"), max_length=100, blank=True)
    author_email = models.EmailField(_("email"), blank=True)
    body = models.TextField(_("comment"), help_text=_("Plain text, stored as typed."))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    links_approved = models.BooleanField(
        _("links clickable"),
        default=False,
        help_text=_("Links in a comment become clickable only when a moderator allows it."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    ip_hash = models.CharField(_("IP address hash"), max_length=64, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status_idx"),
            models.Index(fields=["status", "created_at"], name="comment_moderation_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(author_name=""),
                name="comment_has_author",
            ),
        ]

    def __str__(self):
        return f"{self.display_name}: {self.body[:60]}"

    def save(self, *args, **kwargs):
        self.author_name = nfc(self.author_name).strip()
        self.body = nfc(self.body)
        super().save(*args, **kwargs)

    def clean(self):
        if self.parent_id is not None and self._state.adding:
            if refusal := self.parent.reply_refusal(self.article):
                raise ValidationError({"parent": refusal})

    def reply_refusal(self, article):
        """
        Why a new reply to this comment on ``article`` would be refused (a
        ValidationError), or None: a reply answers a comment of the same
        article, one level deep.
        """
        if self.article_id != article.pk:
            message = _("A reply must belong to the same article as the comment it answers.")
            return ValidationError(message, code="reply_other_article")
        if self.parent_id is not None:
            message = _("Replies go one level deep: answer the original comment instead.")
            return ValidationError(message, code="reply_too_deep")
        return None

    @property
    def display_name(self):
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return self.author_name


class Rating(models.Model):
    """One reader's vote on one article; every vote stays so totals can be audited."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="ratings"
    )
    voter_key = models.CharField(
        _("voter key"),
        max_length=64,
        help_text=_("The account, or for an anonymous reader a key derived on the server."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ratings",
    )
    score = models.PositiveSmallIntegerField(_("score"))
    ip_hash = models.CharField(_("IP address hash"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["article", "voter_key"], name="rating_one_per_voter"),
            models.CheckConstraint(condition=Q(score__range=(1, 5)), name="rating_score_1_to_5"),
        ]

    def __str__(self):
        return f"{self.article} — {self.score}"


class ArticleDailyViews(models.Model):
    """Views of one article on one day (site time zone), for "most viewed this week"."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="daily_views"
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0, db_default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("article views per day")
        verbose_name_plural = _("article views per day")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="article_daily_views_once"),
        ]
        # "Most viewed this week" starts from the days, not from every article.
        indexes = [models.Index(fields=["day"], name="article_daily_views_day_idx")]

    def __str__(self):
        return f"{self.article} — {self.day}: {self.views}"


class ReaderPresence(models.Model):
    """When a browser was last seen, for "readers online now"; one row per browser."""

    browser_key = models.CharField(_("browser key"), max_length=64, unique=True)
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("reader presence")
        verbose_name_plural = _("reader presence")

    def __str__(self):
        return f"{self.browser_key[:8]}… {self.last_seen}"


class DailyVisits(models.Model):
    """Site-wide visit counters for one day, behind the "Thống kê truy cập" block."""

    day = models.DateField(_("day"), unique=True)
    visits = models.PositiveIntegerField(_("visits"), default=0, db_default=0)
    page_views = models.PositiveIntegerField(_("page views"), default=0, db_default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("site visits per day")
        verbose_name_plural = _("site visits per day")

    def __str__(self):
        return f"{self.day}: {self.visits}"
