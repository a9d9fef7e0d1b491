from django.db import migrations

from articles.search import word_index_operations


class Migration(migrations.Migration):
    """The article search index holds each article's set of words, cheaper to keep up on every insert."""

    dependencies = [("articles", "0010_import_batch_roles")]

    operations = word_index_operations("articles", "article", "article_search_idx")
