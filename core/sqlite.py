"""SQLite's lower() folds only ASCII; give it Python's, so Cyrillic search works as on PostgreSQL."""


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def register_unicode_lower(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("lower", 1, _lower, deterministic=True)
