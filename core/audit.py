"""The audit log read as people read it: Russian field names and readable values.

django-auditlog stores every value as text: «True», a choice's code, a foreign key's id, a date
in ISO form, a UTC datetime. `history` turns the records of one object into rows of
«field: old → new» in the words of the model (its fields' verbose names, choices' labels, the
names of the records a foreign key points to), with dates as ДД.ММ.ГГГГ and «—» for nothing.

Core knows no app: a JSON field that holds a list of codes (categories, grounds) gets its labels
from the app that owns the model through `register_choices`.
"""

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

EMPTY = "—"
# Long texts (notes, comments) are cut in the history; the record itself has them in full.
MAX_LENGTH = 200
# What auditlog writes for a missing value.
_NOTHING = {None, "", "None", "[]", "{}"}

_LIST_CHOICES: dict[tuple[type[models.Model], str], dict[str, str]] = {}


def register_choices(model: type[models.Model], field_name: str, choices) -> None:
    """Labels for the codes a JSON list field of `model` holds (e.g. a TextChoices' choices)."""
    _LIST_CHOICES[model, field_name] = dict(choices)


@dataclass
class Change:
    field: str
    old: str = EMPTY
    new: str = EMPTY
    # A many-to-many change: «+ added» or «− removed», instead of old → new.
    added: str = ""


@dataclass
class HistoryRow:
    log: LogEntry
    actor: str
    action: str
    changes: list[Change] = field(default_factory=list)


def _actions() -> dict[int, str]:
    return {
        LogEntry.Action.CREATE: _("создание"),
        LogEntry.Action.UPDATE: _("изменение"),
        LogEntry.Action.DELETE: _("удаление"),
        LogEntry.Action.ACCESS: _("просмотр"),
    }


def history(entries: Iterable[LogEntry]) -> list[HistoryRow]:
    """Rows for the audit records `entries` (fetched with `actor` and `content_type`).

    The names behind foreign keys are read in one query per kind of record they point to,
    whatever the number of records; deleted ones in one more query, from the audit log.
    """
    entries = list(entries)
    names = _Names()
    parsed = []
    for entry in entries:
        model = entry.content_type.model_class()
        changes = []
        if entry.action == LogEntry.Action.UPDATE and model is not None:
            for name, values in (entry.changes_dict or {}).items():
                try:
                    model_field = model._meta.get_field(name)
                except FieldDoesNotExist:
                    continue
                if _is_timestamp(model_field):
                    continue
                changes.append((model, model_field, values))
                if model_field.is_relation and not model_field.many_to_many:
                    for value in values if isinstance(values, list) else ():
                        names.want(model_field.related_model, value)
        parsed.append((entry, changes))
    names.load()
    actions = _actions()
    return [
        HistoryRow(
            log=entry,
            actor=str(entry.actor) if entry.actor else (entry.actor_email or _("система")),
            action=actions.get(entry.action, ""),
            changes=[_change(model, f, values, names) for model, f, values in changes],
        )
        for entry, changes in parsed
    ]


def _is_timestamp(model_field) -> bool:
    """`updated_at` changes on every save and says nothing the record's time does not."""
    return bool(
        getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False)
    )


def _label(model_field) -> str:
    return capfirst(str(getattr(model_field, "verbose_name", model_field.name)))


def _change(model, model_field, values, names: "_Names") -> Change:
    label = _label(model_field)
    if isinstance(values, dict):  # many-to-many: {"operation": "add", "objects": [...]}
        sign = "−" if values.get("operation") == "delete" else "+"
        objects = values.get("objects") or []
        return Change(field=label, added=f"{sign} " + (", ".join(map(str, objects)) or EMPTY))
    old, new = (list(values) + [None, None])[:2]
    return Change(
        field=label,
        old=value_text(model, model_field, old, names),
        new=value_text(model, model_field, new, names),
    )


def value_text(model, model_field, value, names: "_Names | None" = None) -> str:
    """One stored value as the history shows it; a value it cannot read is shown as stored
    (a destroyed person's values are a placeholder)."""
    if value in _NOTHING:
        return EMPTY
    text = str(value)
    if model_field.is_relation:
        return names.name(model_field.related_model, text) if names else text
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(text, text))
    if isinstance(model_field, models.BooleanField):
        return {"True": _("да"), "False": _("нет")}.get(text, text)
    if isinstance(model_field, models.DateTimeField):
        return _datetime_text(text)
    if isinstance(model_field, models.DateField):
        return _date_text(text)
    if isinstance(model_field, models.DecimalField):
        try:
            return formats.number_format(Decimal(text).normalize())
        except InvalidOperation:
            return text
    if isinstance(model_field, models.JSONField):
        return _list_text(model, model_field, value)
    if isinstance(model_field, models.FileField):
        return text.rsplit("/", 1)[-1]
    return text if len(text) <= MAX_LENGTH else text[: MAX_LENGTH - 1] + "…"


def _date_text(text: str) -> str:
    try:
        return date.fromisoformat(text[:10]).strftime("%d.%m.%Y")
    except ValueError:
        return text


def _datetime_text(text: str) -> str:
    """auditlog keeps datetimes in UTC without the zone."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


def _list_text(model, model_field, value) -> str:
    try:
        items = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return str(value)
    if not isinstance(items, list):
        return str(value)
    if not items:
        return EMPTY
    labels = _LIST_CHOICES.get((model, model_field.name), {})
    return ", ".join(str(labels.get(item, item)) for item in items)


class _Names:
    """The names of the records foreign keys point to, read in bulk."""

    def __init__(self) -> None:
        self._wanted: dict[type[models.Model], set] = defaultdict(set)
        self._found: dict[tuple[type[models.Model], str], str] = {}

    def want(self, model: type[models.Model], value) -> None:
        if value not in _NOTHING:
            self._wanted[model].add(str(value))

    def load(self) -> None:
        missing: dict[type[models.Model], set] = {}
        for model, keys in self._wanted.items():
            pks = {_pk(model, key) for key in keys} - {None}
            # One level of the record's own foreign keys: most names (a bank entry's) are
            # those of the person it points to.
            related = [
                f.name
                for f in model._meta.concrete_fields
                if f.is_relation and (f.many_to_one or f.one_to_one)
            ]
            for obj in model._default_manager.filter(pk__in=pks).select_related(*related):
                self._found[model, str(obj.pk)] = str(obj)
            missing[model] = keys - {key for (m, key) in self._found if m is model}
        self._load_deleted(missing)

    def _load_deleted(self, missing: dict[type[models.Model], set]) -> None:
        """A deleted record's last name known to the audit log, if it was audited."""
        missing = {model: keys for model, keys in missing.items() if keys}
        if not missing:
            return
        types = ContentType.objects.get_for_models(*missing)
        by_type = {types[model].pk: model for model in missing}
        wanted = models.Q()
        for model, keys in missing.items():
            wanted |= models.Q(content_type=types[model], object_pk__in=keys)
        rows = (
            LogEntry.objects.filter(wanted)
            .order_by("timestamp", "pk")
            .values_list("content_type_id", "object_pk", "object_repr")
        )
        for type_id, key, name in rows:  # the latest name wins
            self._found[by_type[type_id], key] = name

    def name(self, model: type[models.Model], value: str) -> str:
        if _pk(model, value) is None:  # not a key: a placeholder or a name stored as text
            return value
        return self._found.get((model, value)) or _("удалённая запись")


def _pk(model: type[models.Model], key: str):
    try:
        return model._meta.pk.to_python(key)
    except ValidationError:
        return None
