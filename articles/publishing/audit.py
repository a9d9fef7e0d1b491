"""
The newsroom's audit log is Django admin's own LogEntry: every add, change
and delete through the admin already writes one. This records what does not
go through a change form — bulk actions (publish, archive, confirm, reject,
merge), admin imports and staff sign-ins. The log is shown, read-only, in
the admin (articles/admin.py, AuditLogAdmin).
"""

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.utils.translation import gettext_lazy as _


def record(user, objects, what, *, added=False):
    """Log ``what`` (a short description) as done by ``user`` to each of ``objects``."""
    objects = list(objects)
    if objects and user is not None and user.pk is not None:
        LogEntry.objects.log_actions(
            user.pk, objects, ADDITION if added else CHANGE, change_message=str(what)
        )


def record_staff_sign_in(sender, request, user, **kwargs):
    """A receiver of user_logged_in: staff sign-ins go into the log, readers' do not."""
    if user.is_staff:
        record(user, [user], _("Signed in to the admin"))
