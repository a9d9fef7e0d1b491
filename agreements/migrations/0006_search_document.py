import django.contrib.postgres.search
from django.db import migrations

from articles.search import document_index_operations


def search_document_field():
    return django.contrib.postgres.search.SearchVectorField(editable=False, null=True, verbose_name="search document")


class Migration(migrations.Migration):
    """Agencies, events and agreements keep a weighted search vector too, as articles do."""

    dependencies = [("agreements", "0005_search_word_index"), ("articles", "0013_search_document")]

    operations = [
        migrations.AddField(model_name="agency", name="search_document", field=search_document_field()),
        migrations.AddField(model_name="agreement", name="search_document", field=search_document_field()),
        migrations.AddField(model_name="event", name="search_document", field=search_document_field()),
        *document_index_operations("agreements", "agency", "agency_search_idx"),
        *document_index_operations("agreements", "event", "event_search_idx"),
        *document_index_operations("agreements", "agreement", "agreement_search_idx"),
    ]
