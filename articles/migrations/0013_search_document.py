import django.contrib.postgres.search
from django.db import migrations

from articles.search import document_index_operations

# Published articles newest first, as readers see them (undated ones last):
# a search for a common word walks this until it has its candidates, and
# listings read it in order. PostgreSQL only: SQLite cannot say NULLS LAST
# in an index, and puts NULLs last in a DESC index anyway.
PUBLISHED_ORDER_INDEX = (
    "CREATE INDEX article_published_order_idx ON articles_article "
    "(published_at DESC NULLS LAST, created_at DESC) WHERE status = 'published'"
)


def add_published_order_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PUBLISHED_ORDER_INDEX)


def drop_published_order_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_published_order_idx")


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
        migrations.RunPython(add_published_order_index, drop_published_order_index),
    ]
