from django.db import migrations

from articles.publishing.roles import sync_roles


class Migration(migrations.Migration):
    """Editors may upload import batches and read their reports."""

    dependencies = [("articles", "0009_import_batch")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
