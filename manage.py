#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def main():
    """Run administrative tasks."""
    # A development checkout keeps its settings in .env (`make run` writes it
    # once), so the README's commands work as printed; the environment wins.
    # Servers (gunicorn, wsgi.py) never read it.
    from dotenv import load_dotenv

    load_dotenv(Path(__file__).resolve().parent / ".env", override=False)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.base")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment?"
        ) from exc
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    # Django's command runner swallows a settings error and fails later with
    # "Models aren't loaded yet"; say what is actually wrong instead.
    try:
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as error:
        raise SystemExit(f"Configuration error: {error}") from None
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
