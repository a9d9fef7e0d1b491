import json

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles.content import dates, placement
from articles.content.renditions import SIZES, picture_context, rendition
from articles.models import Comment
from articles.publishing.desk import desk_items

register = template.Library()


@register.filter
def weekday_date(moment):
    return dates.weekday_date(moment) if moment else ""


@register.simple_tag
def text_lang(article):
    """lang="en" on an article's own text when it is not in the page's language, so screen readers switch voice."""
    if article.language and not (translation.get_language() or "").startswith(article.language):
        return format_html(' lang="{}"', article.language)
    return ""


@register.simple_tag
def today():
    return timezone.now()


@register.inclusion_tag("includes/picture.html")
def picture(image, size="article", eager=False):
    """An article image at one of the layout's sizes, or its placeholder when the file is missing."""
    return picture_context(image, size, eager=eager)


@register.filter
def lead_picture(pictures):
    """The picture that stands for an article on lists and share cards."""
    return placement.lead_picture(pictures)


@register.simple_tag(takes_context=True)
def share_image(context, image):
    """
    The absolute URL, width and height of a picture at the size social
    networks and search engines ask for (1200 px wide, or the original if
    smaller); None when there is no picture or its file cannot be read.
    """
    if image is None or not image.has_file:
        return None
    try:
        src, width, height = rendition(image, SIZES["share"][0])
    except (OSError, ValueError):
        return None
    return {"url": context["request"].build_absolute_uri(src), "width": width, "height": height}


_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


HEADLINE_LIMIT = 110  # schema.org/Google's advice for a NewsArticle headline


def short_headline(title, limit=HEADLINE_LIMIT):
    """The title, cut at a word boundary with an ellipsis when it is longer than ``limit``."""
    if len(title) <= limit:
        return title
    return title[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-") + "…"


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, article, url, image=None):
    """schema.org NewsArticle data for search engines, safe inside a script element."""
    request = context["request"]
    home = request.build_absolute_uri("/")
    publisher = {
        "@type": "NewsMediaOrganization",
        "name": context.get("site_name", ""),
        "url": home,
        "logo": {"@type": "ImageObject", "url": request.build_absolute_uri(static("favicon.svg"))},
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": short_headline(article.title),
        "description": article.lead,
        "mainEntityOfPage": url,
        "inLanguage": article.language,
        "dateModified": timezone.localtime(article.modified_at).isoformat() if article.modified_at else None,
        "publisher": publisher,
        "author": _author(article, request) or {k: publisher[k] for k in ("@type", "name", "url")},
    }
    if image:
        data["image"] = {"@type": "ImageObject", **{k: v for k, v in image.items() if v}}
    if article.published_at:
        data["datePublished"] = (
            timezone.localtime(article.published_at).date().isoformat()
            if article.published_precision == article.DatePrecision.DAY
            else timezone.localtime(article.published_at).isoformat()
        )
    if article.category_id:
        data["articleSection"] = article.category.name
    payload = json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(payload.translate(_JSON_ESCAPES))
    )


def _author(article, request):
    """A byline is a reporter (initials included); else the staff author; else the source agency."""
    if article.byline:
        return {"@type": "Person", "name": article.byline}
    if article.author_id and article.author.get_full_name():
        path = reverse("articles:author", args=[article.author.get_username()])
        return {
            "@type": "Person",
            "name": article.author.get_full_name(),
            "url": request.build_absolute_uri(path),
        }
    if article.source_id:
        return {
            "@type": "Organization",
            "name": article.source.name,
            "url": request.build_absolute_uri(article.source.get_absolute_url()),
        }
    return None


@register.simple_tag
def published_date(article):
    """An article's date as a <time> element, or an honest "date unknown"."""
    if article.published_at is None:
        return format_html("<span>{}</span>", _("Date unknown"))
    if article.published_precision == article.DatePrecision.DAY:
        day = timezone.localtime(article.published_at).date()
        return format_html(
            '<time datetime="{}">{}</time>', day.isoformat(), dates.portal_date(article.published_at)
        )
    return format_html(
        '<time datetime="{}">{}</time>',
        article.published_at.isoformat(),
        dates.portal_datetime(article.published_at),
    )


@register.inclusion_tag("admin/includes/desk.html")
def newsroom_desk(user):
    """The staff member's own work and what waits for them, with counts and links."""
    return {"items": desk_items(user)}


@register.simple_tag
def pending_comments():
    return Comment.objects.pending().count()
