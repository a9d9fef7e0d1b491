"""The cooperation record where other apps' pages show it: an article's records, the records to check."""

from django import template

from ..models import (
    Agency,
    Agreement,
    ArticleAgency,
    ArticleAgreement,
    ArticleEvent,
    Event,
    cooperation_record,
)

register = template.Library()


@register.inclusion_tag("agreements/includes/cooperation_record.html")
def article_cooperation_record(article):
    """The agencies, agreements and events an article names, with the sentence that says so."""
    return {"record": cooperation_record(article)}


@register.simple_tag
def suggestions_to_check():
    """Records the extractor suggested that no editor has confirmed or rejected yet."""
    return sum(model.objects.suggested().count() for model in (Agency, Agreement, Event))


@register.simple_tag
def links_to_check():
    """Links from articles to records (with their evidence) that no editor has checked yet."""
    return sum(model.objects.suggested().count() for model in (ArticleAgency, ArticleAgreement, ArticleEvent))
