"""Scraped portal pages to articles: files, the page reader, the pipeline, the writer, uploads and the background task."""
