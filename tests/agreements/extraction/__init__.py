"""Tests of the extractor (agreements/extraction/), one module per module of it."""
