"""The badge colour of every status, one mapping per kind of status.

Each app registers the colours of its own models' statuses when it is ready; templates ask
the `badge_class` filter (`{% load badges %}`). Core only keeps the mappings: it knows no app.
"""

from django.db.models import Model

# A status with no colour of its own.
GREY = "text-bg-secondary"

_CLASSES: dict[tuple[type[Model], str], dict[str, str]] = {}


def register(model: type[Model], classes: dict[str, str], *, field: str = "status") -> None:
    """Bootstrap classes of the badge for each value of `model.<field>`."""
    _CLASSES[model, field] = classes


def badge_class(obj: Model, field: str = "status") -> str:
    return _CLASSES[type(obj), field].get(getattr(obj, field), GREY)
