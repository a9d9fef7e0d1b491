"""Signals the newsroom's articles send, for other apps to act on."""

from django.dispatch import Signal

# Sent by the importer inside the transaction that wrote a batch, with
# ``articles`` (the articles created or updated, not briefs) and ``state``
# (a dict that lives as long as the import, emptied when a write is undone).
pages_imported = Signal()
