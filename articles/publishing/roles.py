"""
The newsroom's roles, as groups with exact permissions. A data migration
creates them; change a list here and add a migration that calls
``sync_roles`` again.

Other apps give the roles permissions on their own models with ``grant``,
from their AppConfig.ready(), so that this module names none of them.
"""

from collections import defaultdict

REPORTER = "Phóng viên"
EDITOR = "Biên tập viên"
MODERATOR = "Kiểm duyệt"

_LOOKUPS = [
    "articles.view_category",
    "articles.view_source",
    "articles.view_portal",
    "articles.view_tag",
    "articles.add_tag",
]
ROLES = {
    # Writes and edits their own drafts, sends them for review; cannot publish.
    REPORTER: [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.add_articleimage",
        "articles.change_articleimage",
        "articles.delete_articleimage",
        "articles.view_articleimage",
        *_LOOKUPS,
    ],
    # Edits everything, publishes, schedules, unpublishes, features; checks the extracted records.
    EDITOR: [
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.publish_article",
        "articles.add_articleimage",
        "articles.change_articleimage",
        "articles.delete_articleimage",
        "articles.view_articleimage",
        "articles.add_category",
        "articles.change_category",
        "articles.add_source",
        "articles.change_source",
        "articles.change_tag",
        "articles.view_articleimport",
        "articles.add_importbatch",
        "articles.view_importbatch",
        *_LOOKUPS,
    ],
    # Comments only.
    MODERATOR: [
        "articles.view_comment",
        "articles.change_comment",
        "articles.delete_comment",
        "articles.view_article",
    ],
}


# Role → permissions other apps granted it.
_GRANTED = defaultdict(list)


def grant(role, permissions):
    """Give ``role`` these permissions ("app_label.codename") too; call from AppConfig.ready()."""
    _GRANTED[role].extend(permission for permission in permissions if permission not in _GRANTED[role])


def permissions_of(role):
    return [*ROLES[role], *_GRANTED[role]]


def sync_roles(apps, schema_editor=None):
    """
    Create the role groups and give each exactly its permissions (historical
    models). A permission whose model a later migration creates is skipped
    here; that migration syncs the roles again.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ROLES:
        group, _created = Group.objects.get_or_create(name=name)
        permissions = []
        for label in permissions_of(name):
            app_label, codename = label.split(".")
            permissions.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)
