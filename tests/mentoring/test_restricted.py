"""A person who withdrew their processing consent: lists and exports show the name and the
dates only, matching and pickers leave them out, nothing edits their data, and the data is
destroyed on the deadline as before."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentoring.models import (
    Consent,
    DataDestruction,
    MenteeEntry,
    MentorEntry,
    Person,
    PsychologistNote,
)
from mentoring.selectors.matching import matching_input
from mentoring.selectors.pairs import mentees_for_pairing, mentors_for_pairing
from mentoring.services.banks import bank_entry_update, psychologist_note_add
from mentoring.services.consents import consent_record
from mentoring.services.people import person_update
from mentoring.services.preferences import partner_candidates
from mentoring.services.programmes import programme_create_from_template
from tests.mentoring.bank_factories import (
    WITHDRAWN_DAYS_AGO,
    ConsentFactory,
    MenteeEntryFactory,
    MentorEntryFactory,
    TagFactory,
    person_with_consent,
    withdraw_processing,
)
from tests.mentoring.factories import PersonFactory, SubjectFactory
from tests.mentoring.xlsx_helpers import read_rows

pytestmark = pytest.mark.django_db

WITHDRAWN_ON = timezone.localdate() - timedelta(days=WITHDRAWN_DAYS_AGO)
DATES = (f"{WITHDRAWN_ON:%d.%m.%Y}", f"{WITHDRAWN_ON + timedelta(days=30):%d.%m.%Y}")
# What nobody may see of her any more.
PRIVATE = (
    "14.03.1979",
    "Учитель астрономии",
    "+7 900 111-22-33",
    "ushakova@school.test",
    "Астрономия",
    "Тайный запрос",
    "Тайная компетенция",
    "Тайная заметка",
)


@pytest.fixture
def withdrawn(school, curator):
    """Ушакова, in both banks of the year with her requests and competences, who withdrew her
    processing consent three days ago."""
    person = PersonFactory(
        organisation=school,
        last_name="Ушакова",
        first_name="Вера",
        patronymic="Игоревна",
        birth_date=date(1979, 3, 14),
        position="Учитель астрономии",
        phone="+7 900 111-22-33",
        email="ushakova@school.test",
        category=Person.Category.HIGHEST,
        teaching_since=1999,
    )
    person.subjects.add(SubjectFactory(name="Астрономия"))
    ConsentFactory(person=person)
    ConsentFactory(person=person, kind=Consent.Kind.MENTORING_DUTIES)
    mentee = MenteeEntryFactory(person=person, requests_text="Тайный запрос своими словами")
    mentee.requests.add(TagFactory(organisation=school, name="Тайный запрос"))
    PsychologistNote.objects.create(entry=mentee, author=curator, text="Тайная заметка")
    mentor = MentorEntryFactory(person=person)
    mentor.competences.add(TagFactory(organisation=school, name="Тайная компетенция"))
    withdraw_processing(person)
    return SimpleNamespace(person=person, mentee=mentee, mentor=mentor)


@pytest.fixture
def pair_left(make_pair):
    """A group of two whose first mentee withdrew her processing consent: (pair, her)."""
    pair = make_pair(mentees=2)
    leaving = pair.mentees.first().person
    withdraw_processing(leaving)
    return pair, leaving


def _back_in_bank(withdrawn) -> None:
    """As if her entries had stayed in the bank: the rule must not rest on their status."""
    MenteeEntry.objects.filter(pk=withdrawn.mentee.pk).update(status=MenteeEntry.Status.IN_BANK)
    MentorEntry.objects.filter(pk=withdrawn.mentor.pk).update(status=MentorEntry.Status.IN_BANK)


def _rows_of(content: str) -> str:
    """The table body of a list page, without its filters (whose options name every tag)."""
    return content[content.index("<tbody>") : content.index("</tbody>")]


def _restricted_row(content: str, name: str) -> str:
    rows = _rows_of(content)
    start = rows.index(name)
    return rows[rows.rindex("<tr", 0, start) : rows.index("</tr>", start)]


def _assert_shows_name_and_dates_only(text: str, person: Person) -> None:
    assert person.full_name in text
    assert all(day in text for day in DATES)
    assert not [item for item in PRIVATE if item in text]


# The rule.


def test_the_rule_reads_the_same_in_python_and_in_sql(school, withdrawn):
    valid = person_with_consent(organisation=school)
    without = PersonFactory(organisation=school)
    other_withdrawn = PersonFactory(organisation=school)
    ConsentFactory(
        person=other_withdrawn, kind=Consent.Kind.DISSEMINATION, withdrawn_on=WITHDRAWN_ON
    )
    people = Person.objects.filter(organisation=school).prefetch_related("consents")

    in_python = {p.pk for p in people if p.restriction is not None}
    in_sql = set(people.values_list("pk", flat=True)) - set(
        people.unrestricted().values_list("pk", flat=True)
    )

    assert in_python == in_sql == {withdrawn.person.pk}
    assert {valid.pk, without.pk, other_withdrawn.pk}.isdisjoint(in_python)
    restriction = withdrawn.person.restriction
    assert (restriction.withdrawn_on, restriction.destroy_by) == (
        WITHDRAWN_ON,
        DataDestruction.objects.get().due_on,
    )


# Lists.


@pytest.mark.parametrize("bank", ["mentee", "mentor"])
def test_banks_show_a_withdrawn_person_by_name_and_dates_only(
    client, curator, school, withdrawn, bank
):
    other = MentorEntryFactory(person=person_with_consent(organisation=school))
    client.force_login(curator)

    content = client.get(reverse(f"{bank}_list", args=[school.pk])).content.decode()

    row = _restricted_row(content, withdrawn.person.full_name)
    _assert_shows_name_and_dates_only(row, withdrawn.person)
    entry = getattr(withdrawn, bank)
    assert reverse(f"{bank}_detail", args=[entry.pk]) in row
    assert f'value="{entry.pk}"' not in row  # no bulk actions on her entry
    assert entry.get_status_display() not in row
    if bank == "mentor":
        assert f'value="{other.pk}"' in content


@pytest.mark.parametrize(
    ("bank", "params"),
    [
        ("mentee", {"tag": "requests"}),
        ("mentor", {"tag": "competences"}),
        ("mentor", {"subject": "subject"}),
        ("mentor", {"experience_min": 20}),
    ],
)
def test_filters_on_her_data_do_not_find_a_withdrawn_person(
    client, curator, school, withdrawn, bank, params
):
    _back_in_bank(withdrawn)
    entry = getattr(withdrawn, bank)
    values = {
        "requests": lambda: entry.requests.get().pk,
        "competences": lambda: entry.competences.get().pk,
        "subject": lambda: withdrawn.person.subjects.get().pk,
    }
    query = {k: values[v]() if v in values else v for k, v in params.items()}
    client.force_login(curator)
    url = reverse(f"{bank}_list", args=[school.pk])

    assert withdrawn.person.full_name in client.get(url).content.decode()
    assert withdrawn.person.full_name not in client.get(url, query).content.decode()
    assert withdrawn.person.full_name in client.get(url, {"q": "Ушакова"}).content.decode()


def test_directory_shows_a_withdrawn_person_by_name_and_dates_only(
    client, curator, school, withdrawn
):
    colleague = PersonFactory(organisation=school, position="Учитель физики")
    client.force_login(curator)

    content = client.get(reverse("people_list", args=[school.pk])).content.decode()

    _assert_shows_name_and_dates_only(
        _restricted_row(content, withdrawn.person.full_name), withdrawn.person
    )
    assert "Учитель физики" in _restricted_row(content, colleague.full_name)


def test_directory_finds_a_withdrawn_person_by_name_only(client, curator, school, withdrawn):
    client.force_login(curator)
    url = reverse("people_list", args=[school.pk])
    name = withdrawn.person.full_name
    subject = withdrawn.person.subjects.get()

    assert name in client.get(url, {"q": "ушакова вера"}).content.decode()
    assert name not in client.get(url, {"q": "ushakova@school.test"}).content.decode()
    assert name not in client.get(url, {"q": "астрономии"}).content.decode()
    assert name not in client.get(url, {"subject": subject.pk}).content.decode()
    assert name not in client.get(url, {"category": "highest"}).content.decode()


def test_pairs_list_names_a_withdrawn_member_with_the_dates_only(
    client, curator, school, pair_left
):
    _pair, leaving = pair_left
    client.force_login(curator)

    content = client.get(reverse("pair_list", args=[school.pk])).content.decode()

    rows = _rows_of(content)
    assert leaving.full_name in rows and all(day in rows for day in DATES)
    assert rows.count('data-testid="restricted"') == 1


def test_pair_page_shows_the_withdrawal_instead_of_consent_links(client, curator, pair_left):
    pair, leaving = pair_left
    client.force_login(curator)

    content = client.get(reverse("pair_detail", args=[pair.pk])).content.decode()

    assert all(day in content for day in DATES)
    assert reverse("consent_create", args=[leaving.pk]) not in content


# Exports.


def _by_name(content: bytes, name: str) -> dict:
    header, *rows = read_rows(content)
    found = [row for row in rows if name in str(row[0])]
    assert len(found) == 1
    # A read-only sheet drops the empty cells at the end of a row.
    return dict(zip(header, found[0] + (None,) * (len(header) - len(found[0])), strict=True))


@pytest.mark.parametrize("bank", ["mentee", "mentor"])
def test_bank_export_keeps_only_the_name_and_dates_of_a_withdrawn_person(
    client, curator, school, withdrawn, bank
):
    client.force_login(curator)

    response = client.get(reverse(f"{bank}_export", args=[school.pk]))

    row = _by_name(response.content, withdrawn.person.full_name)
    consent = row.pop("Согласие на обработку ПДн")
    assert all(day in consent for day in DATES)
    assert row.pop("ФИО") == withdrawn.person.full_name
    assert set(row.values()) == {None}


def test_people_export_leaves_out_a_withdrawn_person(client, curator, school, withdrawn):
    colleague = PersonFactory(organisation=school, last_name="Ершова")
    client.force_login(curator)

    rows = read_rows(client.get(reverse("people_export", args=[school.pk])).content)

    surnames = [row[0] for row in rows[1:]]
    assert colleague.last_name in surnames and "Ушакова" not in surnames
    assert not [item for item in PRIVATE if item in str(rows)]


def test_pair_export_names_a_withdrawn_member_with_the_dates_only(
    client, curator, school, pair_left
):
    pair, leaving = pair_left
    client.force_login(curator)

    response = client.get(reverse("pair_export", args=[school.pk]))

    row = _by_name(response.content, pair.mentor.person.full_name)
    assert row["Наставляемые"].startswith(leaving.full_name)
    assert all(day in row["Наставляемые"] for day in DATES)


def test_registry_export_leaves_out_a_withdrawn_person(
    client, coordinator, municipality, school, withdrawn
):
    _back_in_bank(withdrawn)
    kept = MentorEntryFactory(person=person_with_consent(organisation=school))
    client.force_login(coordinator)

    content = client.get(reverse("registry_export", args=[municipality.pk])).content

    text = str(read_rows(content)) + str(read_rows(content, sheet=1))
    assert kept.person.full_name in text
    assert "Ушакова" not in text


# Matching and pickers.


def _consenting(factory, school, **extra):
    person = PersonFactory(organisation=school)
    ConsentFactory(person=person)
    ConsentFactory(person=person, kind=Consent.Kind.MENTORING_DUTIES)
    return factory(person=person, **extra)


def test_a_withdrawn_person_is_no_matching_candidate(client, curator, school, withdrawn):
    _back_in_bank(withdrawn)
    mentee = _consenting(MenteeEntryFactory, school)
    mentor = _consenting(MentorEntryFactory, school)
    year = school.academic_years.get()

    data = matching_input(year)

    assert set(data.mentee_entries) == {mentee.pk}
    assert set(data.mentor_entries) == {mentor.pk}
    client.force_login(curator)
    page = client.get(reverse("matching", args=[school.pk])).content.decode()
    assert "Ушакова" not in page
    response = client.post(
        reverse("matching_decide", args=[school.pk]),
        {"action": "accept", "mentee": withdrawn.mentee.pk, "mentor": mentor.pk},
    )
    assert response.status_code == 404


def test_a_withdrawn_person_is_not_offered_for_a_pair_or_as_a_preference(school, withdrawn):
    _back_in_bank(withdrawn)
    year = school.academic_years.get()
    mentee = _consenting(MenteeEntryFactory, school)

    assert withdrawn.mentor not in mentors_for_pairing(year)
    assert withdrawn.mentee not in mentees_for_pairing(year)
    assert withdrawn.person not in partner_candidates(academic_year=year, chooser=mentee.person)


def test_a_withdrawn_person_is_not_offered_for_a_bank_or_an_invitation(
    client, curator, school, withdrawn
):
    client.force_login(curator)

    for url in (
        reverse("mentee_create", args=[school.pk]),
        reverse("invitation_list", args=[school.pk]),
    ):
        assert "Ушакова" not in client.get(url).content.decode()


# Her page and what may not be done with her data.


def test_her_page_shows_the_withdrawal_and_the_deadline_only(client, curator, withdrawn):
    person = withdrawn.person
    destruction = DataDestruction.objects.get()
    client.force_login(curator)

    for url in (
        reverse("person_detail", args=[person.pk]),
        reverse("mentee_detail", args=[withdrawn.mentee.pk]),
        reverse("mentor_detail", args=[withdrawn.mentor.pk]),
    ):
        content = client.get(url).content.decode()
        assert 'data-testid="restricted-person"' in content
        _assert_shows_name_and_dates_only(content, person)
        assert "Тайный запрос своими словами" not in content
        assert reverse("data_destroy", args=[destruction.pk]) in content
        for action in ("person_edit", "consent_create", "consent_form_pdf"):
            assert reverse(action, args=[person.pk]) not in content
        assert reverse("mentee_edit", args=[withdrawn.mentee.pk]) not in content
        # The withdrawal itself is the record the law asks to keep.
        assert "отозвано" in content
        assert 'id="consents"' in content


def test_psychologist_sees_the_restricted_page_without_destruction_actions(
    client, psychologist, withdrawn
):
    client.force_login(psychologist)

    content = client.get(reverse("mentee_detail", args=[withdrawn.mentee.pk])).content.decode()

    _assert_shows_name_and_dates_only(content, withdrawn.person)
    assert reverse("destruction_list", args=[withdrawn.person.organisation_id]) not in content
    # The consents are shown to those who keep them, not to everyone who may open the page.
    assert 'id="consents"' not in content


@pytest.mark.parametrize(
    "url",
    [
        lambda w: reverse("person_edit", args=[w.person.pk]),
        lambda w: reverse("mentee_edit", args=[w.mentee.pk]),
        lambda w: reverse("mentor_edit", args=[w.mentor.pk]),
        lambda w: reverse("consent_create", args=[w.person.pk]) + "?kind=processing",
        lambda w: reverse("consent_form_pdf", args=[w.person.pk]) + "?kind=processing",
    ],
)
def test_editing_her_data_or_printing_a_form_leads_back_to_her_page(
    client, curator, withdrawn, url
):
    client.force_login(curator)

    response = client.get(url(withdrawn))

    assert response.status_code == 302
    assert response.url == reverse("person_detail", args=[withdrawn.person.pk])
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(DATES[1] in message for message in messages)


def test_posted_changes_to_her_data_are_refused(client, curator, school, withdrawn):
    client.force_login(curator)

    client.post(
        reverse("person_edit", args=[withdrawn.person.pk]),
        {"kind": "teacher", "last_name": "Ушакова", "first_name": "Вера", "position": "Новая"},
    )
    client.post(reverse("mentee_note_add", args=[withdrawn.mentee.pk]), {"text": "Ещё заметка"})
    client.post(
        reverse("mentee_bulk", args=[school.pk]),
        {"ids": [withdrawn.mentee.pk], "status": MenteeEntry.Status.IN_BANK},
    )

    withdrawn.person.refresh_from_db()
    withdrawn.mentee.refresh_from_db()
    assert withdrawn.person.position == "Учитель астрономии"
    assert withdrawn.mentee.notes.count() == 1
    assert withdrawn.mentee.status == MenteeEntry.Status.WITHDRAWN


def test_services_refuse_to_process_her_data(curator, withdrawn):
    calls = [
        lambda: person_update(person=withdrawn.person, data={"phone": "+7 000"}),
        lambda: bank_entry_update(entry=withdrawn.mentor, data={"capacity": 3}),
        lambda: psychologist_note_add(entry=withdrawn.mentee, author=curator, text="Ещё"),
        lambda: consent_record(
            person=withdrawn.person,
            kind=Consent.Kind.PROCESSING,
            given_on=timezone.localdate(),
            verified_by=curator,
        ),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as refused:
            call()
        assert refused.value.code == "restricted"


# Destruction on the deadline, as before.


def test_her_data_is_still_destroyed_on_the_deadline(client, curator, school, withdrawn):
    destruction = DataDestruction.objects.get()
    client.force_login(curator)
    pending = client.get(reverse("destruction_list", args=[school.pk])).content.decode()
    assert withdrawn.person.full_name in pending and DATES[1] in pending

    response = client.post(reverse("data_destroy", args=[destruction.pk]))

    assert response.url == reverse("destruction_act", args=[destruction.pk])
    person = Person.objects.get(pk=withdrawn.person.pk)
    assert (person.birth_date, person.phone, person.email, person.position) == (None, "", "", "")
    assert "Ушакова" not in person.full_name and person.is_archived
    assert not person.subjects.exists()
    page = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Данные уничтожены" in page
    assert reverse("destruction_act", args=[destruction.pk]) in page
    assert client.get(response.url)["Content-Type"] == "application/pdf"


def test_the_programme_is_not_printed_while_a_member_is_restricted(client, curator, pair_left):
    pair, leaving = pair_left
    programme_create_from_template(pair=pair)
    client.force_login(curator)

    response = client.get(reverse("programme_pdf", args=[pair.pk]))

    assert response.url == reverse("programme_edit", args=[pair.pk])
    message = str(next(iter(get_messages(response.wsgi_request))))
    assert leaving.full_name in message
