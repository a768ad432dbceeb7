"""The audit history reads as people read it: Russian field names, yes/no, choices by their
labels, records by their names, dates as ДД.ММ.ГГГГ, «—» for nothing."""

from datetime import date

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from core.audit import history
from mentoring.models import Duty, MenteeEntry, MentorEntry, Person
from mentoring.selectors.people import audit_history
from mentoring.services.consents import data_destroy
from tests.mentoring.bank_factories import (
    MenteeEntryFactory,
    MentorEntryFactory,
    withdraw_processing,
)
from tests.mentoring.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _changes(obj) -> dict[str, tuple[str, str]]:
    """Field → (old, new) of the latest update of `obj`."""
    row = next(r for r in audit_history(obj) if r.log.action == LogEntry.Action.UPDATE)
    return {c.field: c.added or (c.old, c.new) for c in row.changes}


def test_boolean_choice_person_and_date_read_in_russian(school, curator):
    entry = MentorEntryFactory(person=PersonFactory(organisation=school))
    successor = PersonFactory(organisation=school, last_name="Соколова", first_name="Ирина")
    successor.patronymic = ""
    successor.save(update_fields=["patronymic"])
    with set_actor(curator):
        entry.interview_psychologist_present = True
        entry.status = MentorEntry.Status.ARCHIVED
        entry.person = successor
        entry.interview_date = date(2026, 12, 5)
        entry.save()

    changes = _changes(entry)
    assert changes["Присутствовал педагог-психолог"] == ("нет", "да")
    assert changes["Статус"] == ("В банке", "В архиве")
    assert changes["Участник"][1] == "Соколова Ирина"
    assert changes["Дата собеседования"] == ("—", "05.12.2026")
    # The time the record was saved is the row's own, not a change.
    assert "Updated at" not in changes and "updated at" not in str(changes)
    row = audit_history(entry)[0]
    assert row.actor == str(curator)
    assert row.action == "изменение"


def test_a_person_changes_read_in_russian(school, curator):
    person = PersonFactory(organisation=school, kind=Person.Kind.TEACHER, birth_date=None)
    account = UserFactory(full_name="Орлова Вера Павловна")
    person.kind = Person.Kind.STAFF
    person.category = Person.Category.HIGHEST
    person.birth_date = date(1980, 3, 7)
    person.user = account
    person.save()

    changes = _changes(person)
    assert changes["Вид участника"] == ("Педагог", "Другой сотрудник")
    assert changes["Квалификационная категория"] == ("Первая", "Высшая")
    assert changes["Дата рождения"] == ("—", "07.03.1980")
    assert changes["Учётная запись"] == ("—", "Орлова Вера Павловна")


def test_lists_of_codes_read_by_their_labels(school):
    entry = MenteeEntryFactory(person=PersonFactory(organisation=school), categories=[])
    entry.categories = ["young_specialist"]
    entry.needs_support = True
    entry.save()
    changes = _changes(entry)
    assert changes["Категории"] == ("—", "Молодой педагог (молодой специалист)")
    assert changes["Нужна поддержка педагога-психолога"] == ("нет", "да")


def test_a_deleted_record_is_shown_by_its_stored_name_or_as_deleted(school):
    person = PersonFactory(organisation=school)
    account = UserFactory(full_name="Кузнецова Ольга")
    person.user = account
    person.save()
    account.delete()  # the account is audited: its last name is kept in the log

    entry = MentorEntryFactory(person=person)
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(MentorEntry),
        object_pk=str(entry.pk),
        object_id=entry.pk,
        object_repr=str(entry),
        action=LogEntry.Action.UPDATE,
        # An academic year is not audited: nothing is known of one that is gone.
        changes={"academic_year": [str(entry.academic_year_id), "999999"]},
    )

    assert _changes(person)["Учётная запись"] == ("—", "Кузнецова Ольга")
    assert _changes(entry)["Учебный год"][1] == "удалённая запись"


def test_destroyed_values_stay_a_placeholder(school, curator):
    person = PersonFactory(organisation=school, birth_date=date(1990, 1, 1))
    person.birth_date = date(1991, 2, 2)
    person.save()
    withdraw_processing(person)
    destruction = person.consents.get(kind="processing").destruction
    data_destroy(destruction=destruction, actor=curator)

    changes = _changes(person)
    assert changes["Дата рождения"] == ("[уничтожено]", "[уничтожено]")


def test_many_to_many_changes_show_what_was_added_and_removed(school):
    from tests.mentoring.factories import SubjectFactory

    person = PersonFactory(organisation=school)
    person.subjects.add(SubjectFactory(name="Химия"))
    assert _changes(person)["Предметы"] == "+ Химия"


def _edit_many(person, accounts: int) -> None:
    for n in range(accounts):
        person.user = UserFactory(full_name=f"Учётная запись {n}")
        person.kind = Person.Kind.STAFF if n % 2 else Person.Kind.TEACHER
        person.birth_date = date(1980, 1, 1 + n)
        person.save()


def test_the_person_page_shows_the_readable_history(client, curator, school):
    person = PersonFactory(organisation=school, kind=Person.Kind.TEACHER, birth_date=None)
    with set_actor(curator):
        person.kind = Person.Kind.STAFF
        person.birth_date = date(1980, 3, 7)
        person.user = UserFactory(full_name="Орлова Вера Павловна")
        person.save()
    client.force_login(curator)

    content = client.get(reverse("person_detail", args=[person.pk])).content.decode()

    assert "Вид участника: Педагог → Другой сотрудник" in content
    assert "Дата рождения: — → 07.03.1980" in content
    assert "Учётная запись: — → Орлова Вера Павловна" in content
    assert "None" not in content and "False" not in content


def test_the_person_page_reads_the_history_in_constant_queries(
    client, curator, school, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = PersonFactory(organisation=school)
    _edit_many(person, 2)
    client.force_login(curator)
    url = reverse("person_detail", args=[person.pk])
    client.get(url)  # warm-up: session, content types
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _edit_many(person, 12)
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["history"]) == 15


def test_the_formatter_reads_names_in_one_query_per_kind_of_record(
    school, django_assert_num_queries
):
    person = PersonFactory(organisation=school)
    _edit_many(person, 10)
    entries = list(LogEntry.objects.get_for_object(person).select_related("actor", "content_type"))
    # Accounts, then the organisation (not changed) is not read at all.
    with django_assert_num_queries(1):
        rows = history(entries)
    assert {c.new for r in rows for c in r.changes if c.field == "Учётная запись"} >= {
        "Учётная запись 9"
    }


def test_duties_and_seed_categories_read_by_their_labels(school):
    person = PersonFactory(organisation=school)
    person.duties = [Duty.CLASS_TEACHER, Duty.WEBSITE]
    person.save()
    assert _changes(person)["Обязанности"] == (
        "—",
        "Классный руководитель, Ответственный за сайт",
    )
    entry = MenteeEntryFactory(person=PersonFactory(organisation=school), categories=[])
    entry.categories = [MenteeEntry.Category.ORPHAN]
    entry.save()
    assert _changes(entry)["Категории"] == (
        "—",
        "Ребёнок-сирота (оставшийся без попечения родителей)",
    )
