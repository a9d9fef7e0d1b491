import django.contrib.postgres.search
from django.db import migrations

from articles.search import document_index_operations


class Migration(migrations.Migration):
    """
    Each article keeps its weighted search vector, written by a trigger on
    PostgreSQL, so that searches rank a bounded set of matches from the index.
    """

    dependencies = [("articles", "0012_article_imported_digests")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="search document"
            ),
        ),
        *document_index_operations("articles", "article", "article_search_idx"),
    ]
