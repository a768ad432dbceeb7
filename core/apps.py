from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app uses: PDF, spreadsheets, downloads, search, forms, status badges,
    redirects, middleware.

    Model-less, and imports no app of the project."""

    name = "core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from . import lookups  # noqa: F401  (registers the integer `in` lookup)
        from .sqlite import register_unicode_lower

        connection_created.connect(register_unicode_lower)
