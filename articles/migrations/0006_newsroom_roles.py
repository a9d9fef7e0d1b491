from django.db import migrations

from articles.publishing.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_editorial_workflow"),
        ("agreements", "0004_search_text"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
