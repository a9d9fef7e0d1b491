"""Background work: suggesting the records an article an editor wrote names, run by `manage.py db_worker`."""

from django_tasks import task

from articles.models import Article

from .services import Linker


@task()
def suggest_records(article_id):
    """Read the article as the importer reads a page and suggest its agencies, agreements and events."""
    article = Article.objects.filter(pk=article_id, kind=Article.Kind.ARTICLE).first()
    if article is not None:
        Linker().link(article)


def queue_suggestions(sender, *, article, **kwargs):
    """Receiver of ``article_edited``: the extraction runs in the background, not in the editor's save."""
    suggest_records.enqueue(article.pk)
