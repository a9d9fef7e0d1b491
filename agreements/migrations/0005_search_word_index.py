from django.db import migrations

from articles.search import word_index_operations


class Migration(migrations.Migration):
    """Agencies, events and agreements are matched like articles: by their set of words."""

    dependencies = [("agreements", "0004_search_text"), ("articles", "0011_search_word_index")]

    operations = [
        *word_index_operations("agreements", "agency", "agency_search_idx"),
        *word_index_operations("agreements", "event", "event_search_idx"),
        *word_index_operations("agreements", "agreement", "agreement_search_idx"),
    ]
