"""config.wsgi for the surveys benchmark's gunicorn (started with --preload): the URLconf, and
with it every view module, is imported once before the workers are forked, so they start warm
instead of each importing the project on its first request. Requests are served the same."""

from django.urls import get_resolver

from config.wsgi import application

get_resolver().url_patterns  # noqa: B018 (imports the views)

__all__ = ["application"]
