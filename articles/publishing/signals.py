"""Signals the newsroom's editing sends, for other apps to act on."""

from django.dispatch import Signal

# Sent once an editor's save of an article in the admin is committed, with
# ``article``. Receivers must not slow the save: queue the work.
article_edited = Signal()
