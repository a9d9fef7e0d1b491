"""Signals the newsroom's articles send, for other apps to act on."""

from django.dispatch import Signal

# Sent by the importer inside the transaction that wrote a batch, with
# ``articles`` (the articles created or updated, not briefs), ``pages`` (the
# ParsedPage of each, in the same order) and ``state`` (a dict that lives as
# long as the import, emptied when a write is undone).
pages_imported = Signal()

# Work other apps want done on every parsed page while it is parsed (in the
# importer's worker process, off the writing path): name → a function that,
# called once per import, returns a picklable ``analyse(page)``. What it
# returns reaches receivers of pages_imported as ``page.analyses[name]``.
page_analysers = {}
