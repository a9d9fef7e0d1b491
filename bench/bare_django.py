"""
Bare Django returning a file's bytes for every request: the ceiling for a
Python app server on this machine (bench/page_bench.py serves the article
page's own bytes with it).
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PAGE = Path(os.environ["BARE_PAGE_FILE"]).read_bytes()


def page(request, anything=""):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page), path("<path:anything>", page)]

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="bare-benchmark-only",
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
application = get_wsgi_application()
