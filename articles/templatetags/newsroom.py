import json

from django import template
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles.content import dates
from articles.content.renditions import picture_context
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


_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, article, url):
    """schema.org NewsArticle data for search engines, safe inside a script element."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.lead,
        "mainEntityOfPage": url,
        "inLanguage": article.language,
        "dateModified": article.updated_at.isoformat() if article.updated_at else None,
        "publisher": {"@type": "Organization", "name": context.get("site_name", "")},
    }
    if article.published_at:
        data["datePublished"] = (
            timezone.localtime(article.published_at).date().isoformat()
            if article.published_precision == article.DatePrecision.DAY
            else article.published_at.isoformat()
        )
    author = article.byline or (article.source.name if article.source_id else "")
    if author:
        data["author"] = {"@type": "Person" if article.byline else "Organization", "name": author}
    if article.category_id:
        data["articleSection"] = article.category.name
    payload = json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(payload.translate(_JSON_ESCAPES))
    )


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
