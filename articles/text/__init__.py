"""
The Vietnamese text rules both apps use, in one place: Unicode form,
accent folding and the one match key, sentences, slugs, the words a search
sees. Pure functions over strings: no Django, nothing else from the apps,
so that the importer, the extractor, the search and the models agree by
construction.
"""
