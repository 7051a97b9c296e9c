#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import importlib
import os
import sys


def main():
    """Run administrative tasks."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment?"
        ) from exc
    from django.core.exceptions import ImproperlyConfigured

    try:
        # Load the settings now, so that their own error is the one shown.
        importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    except ImproperlyConfigured as error:
        # Otherwise Django carries on without settings and some commands fail later with
        # "AppRegistryNotReady: Models aren't loaded yet", which hides what is missing.
        sys.exit(f"Settings: {error} See docs/settings.md (for development: DEBUG=1).")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
