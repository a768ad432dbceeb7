"""Installing the built-in library's questionnaires into a school, once each."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mentoring.models import Organisation, Tag, User

from ..library import DEFAULT_REQUESTS, ENTRIES, PURPOSES, Entry, Purpose, entry_data
from ..models import Questionnaire
from .questionnaires import questionnaire_create_from_data


@dataclass(frozen=True)
class LibraryItem:
    entry: Entry
    # The school's copy, when installed.
    questionnaire: Questionnaire | None

    @property
    def installed(self) -> bool:
        return self.questionnaire is not None


@dataclass(frozen=True)
class LibraryGroup:
    purpose: Purpose
    items: list[LibraryItem]


def library_entries(organisation: Organisation) -> list[LibraryGroup]:
    """The entries grouped by purpose, each with the school's copy if it has one; one query."""
    installed = {
        q.library_key: q
        for q in Questionnaire.objects.filter(organisation=organisation).exclude(library_key="")
    }
    return [
        LibraryGroup(
            purpose,
            [
                LibraryItem(entry, installed.get(entry.key))
                for entry in ENTRIES.values()
                if entry.purpose == purpose.code
            ],
        )
        for purpose in PURPOSES
    ]


def request_options(organisation: Organisation) -> list[dict[str, str]]:
    """The difficulties a mentee may name: the requests of the school's bank of mentees; the
    whole catalogue when few are used as requests yet, the default list when it is empty."""
    tags = Tag.objects.filter(organisation=organisation).order_by("name", "pk")
    requests = list(tags.filter(mentee_entries__isnull=False).distinct())
    if len(requests) < 2:
        requests = list(tags)
    if len(requests) < 2:
        return [
            {"value": f"request_{n}", "label": name}
            for n, name in enumerate(DEFAULT_REQUESTS, start=1)
        ]
    return [{"value": f"tag_{tag.pk}", "label": tag.name} for tag in requests]


@transaction.atomic
def library_install(
    *, organisation: Organisation, key: str, created_by: User | None
) -> tuple[Questionnaire, bool]:
    """The school's copy of a library entry, made when it has none; (copy, made now)."""
    entry = ENTRIES.get(key)
    if entry is None:
        raise ValidationError(
            _("В библиотеке нет анкеты «%(key)s»: выберите анкету из списка библиотеки.")
            % {"key": key}
        )
    existing = Questionnaire.objects.filter(organisation=organisation, library_key=key).first()
    if existing is not None:
        return existing, False
    options = (
        request_options(organisation) if entry.kind == Questionnaire.Kind.MENTEE_REQUEST else None
    )
    try:
        # A second click in flight meets the unique constraint: answer with the first copy.
        with transaction.atomic():
            questionnaire = questionnaire_create_from_data(
                organisation=organisation,
                data=entry_data(entry, options),
                created_by=created_by,
                library_key=key,
            )
    except IntegrityError:
        return Questionnaire.objects.get(organisation=organisation, library_key=key), False
    return questionnaire, True
