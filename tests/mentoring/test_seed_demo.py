import re
from collections import Counter
from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from mentoring import demo
from mentoring.management.commands.seed_demo import ACCOUNTS, PASSWORD
from mentoring.models import (
    AcademicYear,
    Consent,
    DataDestruction,
    Duty,
    Meeting,
    MeetingFeedback,
    Membership,
    MenteeEntry,
    MentorEntry,
    MentoringPair,
    MentoringType,
    Organisation,
    Person,
    Preference,
    Programme,
    ProgrammeItem,
    PsychologistNote,
    Subject,
    Tag,
    User,
)
from mentoring.models.consents import DESTRUCTION_PERIOD
from mentoring.services.pairs import programme_end_before_summer

MODELS = (
    Organisation,
    Person,
    Person.subjects.through,
    User,
    Membership,
    AcademicYear,
    Subject,
    Consent,
    DataDestruction,
    Tag,
    MenteeEntry,
    MenteeEntry.requests.through,
    MentorEntry,
    MentorEntry.competences.through,
    PsychologistNote,
    MentoringPair,
    MentoringPair.mentees.through,
    Programme,
    ProgrammeItem,
    Meeting,
    MeetingFeedback,
    Preference,
)


def _frozen_at(monkeypatch, day: date) -> None:
    """Today is `day` for the services and the command (timezone.localdate follows now)."""
    moment = timezone.make_aware(datetime.combine(day, time(10, 0)))
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


def _roadmap_progress(today: date) -> dict:
    from roadmap.models import Activity, Roadmap

    roadmap = Roadmap.objects.select_related("academic_year").get()
    activities = Activity.objects.filter(stage__roadmap=roadmap)
    fell_due = activities.filter(due_on__lt=today)
    done = Activity.Status.DONE
    return {
        "year": roadmap.academic_year,
        "fell_due": fell_due.count(),
        "done_of_due": fell_due.filter(status=done).count(),
        "overdue": fell_due.exclude(status=done).count(),
        "done_later": activities.filter(status=done, completed_on__gt=today).count(),
        "future_done": activities.filter(status=done, due_on__gte=today).count(),
        "completed_on": set(activities.filter(status=done).values_list("completed_on", flat=True)),
    }


# These seed a database of their own: they come before the tests that share one seeding for
# the module (its fixture opens the module's transaction at its first use).
@pytest.mark.parametrize(
    ("today", "title"),
    [(date(2027, 9, 24), "2027/2028"), (date(2027, 5, 14), "2026/2027")],
    ids=["september", "may"],
)
def test_demo_lives_in_the_academic_year_of_today(db, monkeypatch, today, title):
    assert not Organisation.objects.exists()
    _frozen_at(monkeypatch, today)
    call_command("seed_demo", stdout=StringIO())
    progress = _roadmap_progress(today)
    year = progress["year"]
    assert year.title == title and year.is_current
    assert year.start_date <= today <= year.end_date
    for school in Organisation.objects.filter(kind=Organisation.Kind.SCHOOL):
        assert school.academic_years.get(is_current=True).title == title
    # What fell due is mostly done, on a day before today; a few of the latest are late.
    assert progress["done_of_due"] >= progress["fell_due"] * 0.8
    assert progress["overdue"] <= max(2, progress["fell_due"] // 5)
    assert progress["done_later"] == 0 and progress["future_done"] == 0
    assert all(year.start_date <= day <= today for day in progress["completed_on"])
    # Pairs, their programmes and meetings are dated inside their year, the current one but
    # for one of the past year that completed its programme; what is held is past.
    past = MentoringPair.objects.exclude(academic_year=year).get()
    assert past.status == MentoringPair.Status.COMPLETED
    assert past.academic_year.end_date < year.start_date
    for pair in MentoringPair.objects.select_related("academic_year"):
        pair_year = pair.academic_year
        assert pair_year.start_date <= pair.start_date < pair.end_date <= pair_year.end_date
    for meeting in Meeting.objects.select_related("pair__academic_year"):
        pair_year = meeting.pair.academic_year
        assert pair_year.start_date <= meeting.planned_on <= pair_year.end_date
        assert meeting.held_on is None or meeting.held_on <= today
    for item in ProgrammeItem.objects.all():
        assert not item.done or item.planned_on <= today
    assert Consent.objects.filter(given_on__gt=today).count() == 0


def test_may_roadmap_has_most_of_the_year_done(db, monkeypatch):
    today = date(2027, 5, 14)
    _frozen_at(monkeypatch, today)
    call_command("seed_demo", stdout=StringIO())
    progress = _roadmap_progress(today)
    assert progress["fell_due"] >= 15
    assert 1 <= progress["overdue"] <= progress["fell_due"] // 5
    teacher_pair = MentoringPair.objects.get(status=MentoringPair.Status.ACTIVE)
    assert teacher_pair.meetings.filter(held_on__isnull=False).count() >= 4


def test_a_run_in_a_later_year_moves_the_same_school_into_it(db, monkeypatch):
    from roadmap.models import Roadmap

    _frozen_at(monkeypatch, date(2026, 12, 6))
    call_command("seed_demo", stdout=StringIO())
    people = set(Person.objects.values_list("pk", flat=True))
    _frozen_at(monkeypatch, date(2027, 10, 5))
    call_command("seed_demo", stdout=StringIO())
    assert set(Person.objects.values_list("pk", flat=True)) == people
    school = Organisation.objects.get(short_name="МАОУ СОШ № 7")
    current = school.academic_years.get(is_current=True)
    assert current.title == "2027/2028"
    assert Roadmap.objects.filter(academic_year=current).exists()
    pair = MentoringPair.objects.get(academic_year=current, status=MentoringPair.Status.ACTIVE)
    assert pair.mentees.get().person.user.email == "teacher@demo.nastavnik.ru"


@pytest.fixture(scope="module")
def seeded_module(django_db_setup, django_db_blocker):
    """One seeding for the whole module: each test runs in a savepoint inside this transaction,
    and the transaction is rolled back when the module is done."""
    out = StringIO()
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=hashers),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_module, db):
    return seeded_module


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _pairs_state() -> list:
    return [
        list(MentoringPair.objects.order_by("pk").values_list("pk", "status", "start_date")),
        list(ProgrammeItem.objects.order_by("pk").values_list("pk", "done", "evidence")),
        list(Meeting.objects.order_by("pk").values_list("pk", "held_on", "format", "topic")),
        list(MenteeEntry.objects.order_by("pk").values_list("pk", "status")),
        list(MentorEntry.objects.order_by("pk").values_list("pk", "status", "capacity")),
        list(Preference.objects.order_by("pk").values_list("chooser", "chosen", "rank")),
    ]


def test_second_run_creates_nothing(seeded):
    before, state = _counts(), _pairs_state()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == before
    assert _pairs_state() == state


def test_municipality_has_two_schools_with_current_and_previous_year(seeded):
    municipality = Organisation.objects.get(kind=Organisation.Kind.MUNICIPALITY)
    assert municipality.short_name == "УО г. Березники"
    schools = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL)
    assert set(schools.values_list("municipality", flat=True)) == {municipality.pk}
    assert schools.count() == 2
    for school in schools:
        start = demo.demo_year()
        years = {(y.title, y.is_current) for y in school.academic_years.all()}
        assert years == {(f"{start}/{start + 1}", True), (f"{start - 1}/{start}", False)}


def test_main_school_has_about_sixty_staff_and_150_students(seeded):
    school = Organisation.objects.get(short_name="МАОУ СОШ № 7")
    people = Person.objects.filter(organisation=school)
    assert 55 <= people.exclude(kind=Person.Kind.STUDENT).count() <= 65
    assert 140 <= people.filter(kind=Person.Kind.STUDENT).count() <= 160
    other = Organisation.objects.get(short_name="МАОУ СОШ № 24")
    assert Person.objects.filter(organisation=other).count() < people.count()


def test_students_are_in_grades_5_to_11_and_born_for_their_grade(seeded):
    students = Person.objects.filter(kind=Person.Kind.STUDENT)
    assert {s.grade for s in students} == set(range(5, 12))
    for student in students:
        assert student.class_letter in {"А", "Б", "В"}
        assert student.birth_date.year == demo.demo_year() - 6 - student.grade


def test_staff_have_positions_subjects_experience_and_every_category(seeded):
    staff = Person.objects.exclude(kind=Person.Kind.STUDENT).prefetch_related("subjects")
    assert all(p.position for p in staff)
    teachers = [p for p in staff if p.position.startswith("Учитель ")]
    assert all(p.subjects.all() for p in teachers)
    young = [p for p in teachers if demo.demo_year() - p.teaching_since <= 3]
    assert 2 <= len(young) <= 10
    assert {p.category for p in staff} == set(Person.Category.values)
    positions = {p.position for p in staff}
    assert {"Директор", "Педагог-психолог", "Заместитель директора по УВР"} <= positions


def test_names_are_russian_and_patronymics_match_gender(seeded):
    male = set(demo.MALE_FIRST_NAMES) | set(demo.BOY_NAMES)
    female = set(demo.FEMALE_FIRST_NAMES) | set(demo.GIRL_NAMES)
    for person in Person.objects.all():
        assert re.fullmatch(r"[А-ЯЁа-яё\- ]+", person.full_name), person.full_name
        if person.first_name in male:
            assert person.patronymic.endswith("ич"), person.full_name
            assert not person.last_name.endswith(("ова", "ева", "ина", "ая")), person.full_name
        else:
            assert person.first_name in female
            assert person.patronymic.endswith("на"), person.full_name


def test_one_account_per_role_signs_in_with_the_printed_password(seeded):
    assert PASSWORD in seeded
    for account in ACCOUNTS:
        assert account.email in seeded
        user = User.objects.get(email=account.email)
        assert user.check_password(PASSWORD)
        assert list(user.memberships.values_list("role", flat=True)) == [account.role]


def test_school_accounts_are_linked_to_their_staff_record(seeded):
    curator = Person.objects.get(user__email="curator@demo.nastavnik.ru")
    assert curator.position == "Заместитель директора по УВР"
    director = Person.objects.get(user__email="director@demo.nastavnik.ru")
    assert director.organisation.director_name == director.full_name
    teacher = Person.objects.get(user__email="teacher@demo.nastavnik.ru")
    assert teacher.position.startswith("Учитель ")
    assert demo.demo_year() - teacher.teaching_since <= 3
    assert not Person.objects.filter(user__email="coordinator@demo.nastavnik.ru").exists()


def test_rerun_restores_a_changed_password(seeded):
    user = User.objects.get(email="director@demo.nastavnik.ru")
    user.set_password("something-else")
    user.save(update_fields=["password"])
    call_command("seed_demo", stdout=StringIO())
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def _main_school() -> Organisation:
    return Organisation.objects.get(short_name="МАОУ СОШ № 7")


def test_mentee_bank_holds_teachers_and_pupils_with_requests_from_the_catalogue(seeded):
    school = _main_school()
    entries = MenteeEntry.objects.filter(
        organisation=school, academic_year__is_current=True
    ).select_related("person")
    teachers = [e for e in entries if e.person.kind == Person.Kind.TEACHER]
    pupils = [e for e in entries if e.person.kind == Person.Kind.STUDENT]
    assert 7 <= len(teachers) <= 10
    assert 10 <= len(pupils) <= 14
    for entry in teachers:
        young = demo.demo_year() - entry.person.teaching_since <= 3
        assert (MenteeEntry.Category.YOUNG_SPECIALIST in entry.categories) == young
        assert MenteeEntry.Source.QUESTIONNAIRE in entry.request_sources
    assert {c for e in pupils for c in e.categories} >= {
        MenteeEntry.Category.GIFTED,
        MenteeEntry.Category.LOW_RESULTS,
    }
    assert all(5 <= e.person.grade <= 9 for e in pupils)
    catalogue = set(Tag.objects.filter(organisation=school).values_list("name", flat=True))
    assert {"Дисциплина на уроке", "Работа с родителями", "Подготовка к ОГЭ"} <= catalogue
    assert all(e.requests.exists() for e in entries)
    assert Counter(e.status for e in entries).keys() >= {
        MenteeEntry.Status.CANDIDATE,
        MenteeEntry.Status.IN_BANK,
        MenteeEntry.Status.WITHDRAWN,
    }


def test_mentor_bank_has_experienced_teachers_across_the_pipeline_and_two_seniors(seeded):
    entries = MentorEntry.objects.filter(organisation=_main_school()).select_related("person")
    teachers = [e for e in entries if e.person.kind == Person.Kind.TEACHER]
    seniors = [e for e in entries if e.person.kind == Person.Kind.STUDENT]
    assert 8 <= len(teachers) <= 12
    assert {e.person.category for e in teachers} <= {
        Person.Category.HIGHEST,
        Person.Category.FIRST,
    }
    assert all(e.grounds and 1 <= e.capacity <= 3 for e in teachers)
    assert {e.status for e in teachers} == set(MentorEntry.Status.values) - {"archived"}
    trained = [e for e in teachers if e.training_certificate]
    assert len(trained) >= 3
    for entry in trained:
        assert entry.training_course == "Наставничество в образовательной организации"
        assert entry.training_hours == 36
        assert entry.interview_date is not None
    assert len(seniors) == 2
    assert all(e.person.grade in (10, 11) and 15 <= e.person.age() <= 17 for e in seniors)
    # Mentees' requests find mentors: most requests are someone's competence.
    competences = set(Tag.objects.filter(mentor_entries__in=entries).values_list("name", flat=True))
    requests = set(Tag.objects.filter(mentee_entries__isnull=False).values_list("name", flat=True))
    assert len(requests & competences) >= len(requests) // 2


def test_most_staff_and_every_bank_pupil_consented_in_september(seeded):
    school = _main_school()
    staff = Person.objects.filter(organisation=school).exclude(kind=Person.Kind.STUDENT)
    without = staff.exclude(consents__kind=Consent.Kind.PROCESSING)
    assert 3 <= without.count() <= 4
    assert not MenteeEntry.objects.filter(person__in=without).exists()
    assert not MentorEntry.objects.filter(person__in=without).exists()
    curator = User.objects.get(email="curator@demo.nastavnik.ru")
    processing = Consent.objects.filter(kind=Consent.Kind.PROCESSING, person__organisation=school)
    assert all(c.verified_by == curator for c in processing)
    assert all(date(2026, 9, 1) <= c.given_on <= date(2026, 9, 30) for c in processing)
    pupils = processing.filter(person__kind=Person.Kind.STUDENT)
    assert pupils.count() == 14
    for consent in pupils:
        assert consent.representative_relation in ("мать", "отец")
        last_name = consent.representative_name.split()[0]
        assert last_name.rstrip("а") == consent.person.last_name.rstrip("а")


def test_one_withdrawn_consent_leaves_a_destruction_deadline(seeded):
    withdrawn = Consent.objects.get(withdrawn_on__isnull=False)
    assert withdrawn.kind == Consent.Kind.PROCESSING
    entry = MenteeEntry.objects.get(person=withdrawn.person)
    assert entry.status == MenteeEntry.Status.WITHDRAWN
    destruction = DataDestruction.objects.get()
    assert destruction.consent == withdrawn
    assert destruction.due_on == withdrawn.withdrawn_on + DESTRUCTION_PERIOD
    assert destruction.destroyed_at is None


def test_demo_teacher_is_a_paired_young_specialist_who_sees_it(seeded, client):
    user = User.objects.get(email="teacher@demo.nastavnik.ru")
    entry = MenteeEntry.objects.get(person__user=user)
    assert entry.status == MenteeEntry.Status.PAIRED
    assert entry.categories == [MenteeEntry.Category.YOUNG_SPECIALIST]
    kinds = set(entry.person.consents.values_list("kind", flat=True))
    assert {Consent.Kind.PROCESSING, Consent.Kind.MENTORING_DUTIES} <= kinds
    client.force_login(user)
    content = client.get(reverse("my_participation")).content.decode()
    assert "Молодой педагог (молодой специалист)" in content
    assert "В паре / группе" in content


def test_psychologist_left_notes_on_two_other_mentees(seeded):
    notes = PsychologistNote.objects.select_related("entry__person", "author")
    assert notes.count() == 2
    assert {n.author.email for n in notes} == {"psychologist@demo.nastavnik.ru"}
    assert not notes.filter(entry__person__user__email="teacher@demo.nastavnik.ru").exists()


def test_withdrawal_date_is_recent_so_the_deadline_is_ahead(seeded):
    destruction = DataDestruction.objects.get()
    assert destruction.due_on > timezone.localdate() + timedelta(days=20)


def _teacher_pair() -> MentoringPair:
    return MentoringPair.objects.get(mentees__person__user__email="teacher@demo.nastavnik.ru")


def test_pairs_of_the_main_school_show_draft_awaiting_and_active(seeded):
    pairs = MentoringPair.objects.filter(
        organisation=_main_school(), academic_year__is_current=True
    )
    assert sorted(pairs.values_list("status", flat=True)) == sorted(
        [
            MentoringPair.Status.ACTIVE,
            MentoringPair.Status.AWAITING_ORDER,
            MentoringPair.Status.DRAFT,
        ]
    )
    assert not MentoringPair.objects.exclude(organisation=_main_school()).exists()


def test_draft_is_a_group_of_two_pupils_with_a_senior_pupil_mentor(seeded):
    group = MentoringPair.objects.get(status=MentoringPair.Status.DRAFT)
    assert group.form.name == "ученик – ученик"
    assert group.mentoring_type.code == MentoringType.Code.GROUP
    assert group.mentor.person.kind == Person.Kind.STUDENT
    assert group.mentor.person.grade in (10, 11)
    assert group.mentor.status == MentorEntry.Status.IN_BANK
    pupils = list(group.mentees.select_related("person"))
    assert len(pupils) == 2
    assert all(e.person.kind == Person.Kind.STUDENT and e.person.grade <= 9 for e in pupils)
    for entry in [group.mentor, *pupils]:
        kinds = set(entry.person.consents.values_list("kind", flat=True))
        assert {Consent.Kind.PROCESSING, Consent.Kind.MENTORING_DUTIES} <= kinds


def test_pair_awaiting_the_order_is_of_two_teachers(seeded):
    pair = MentoringPair.objects.get(status=MentoringPair.Status.AWAITING_ORDER)
    assert pair.form.name == "педагог – педагог"
    assert pair.mentor.person.kind == Person.Kind.TEACHER
    [mentee] = pair.mentees.select_related("person")
    assert mentee.person.kind == Person.Kind.TEACHER
    assert mentee.person.user is None


def test_most_of_the_bank_is_left_for_the_matching(seeded):
    entries = MenteeEntry.objects.filter(organisation=_main_school())
    paired = entries.filter(status=MenteeEntry.Status.PAIRED).count()
    assert paired == 4
    assert entries.filter(status=MenteeEntry.Status.IN_BANK).count() > 2 * paired


def test_demo_teacher_has_an_active_pair_with_a_mentor_of_their_subject(seeded):
    pair = _teacher_pair()
    assert pair.status == MentoringPair.Status.ACTIVE
    assert pair.form.name == "педагог – педагог"
    assert pair.role_model.name == "опытный педагог – молодой специалист"
    assert pair.mentoring_type.code == MentoringType.Code.TRADITIONAL
    today = timezone.localdate()
    assert today - timedelta(weeks=10) <= pair.start_date <= today - timedelta(weeks=6)
    # Nine months, ending before the summer holidays.
    assert pair.end_date == programme_end_before_summer(pair.start_date, 9)
    assert pair.end_date.month not in (6, 7, 8)
    mentor, teacher = pair.mentor.person, pair.mentees.get().person
    assert mentor.kind == Person.Kind.TEACHER
    assert set(mentor.subjects.all()) & set(teacher.subjects.all())


def test_teacher_pair_programme_has_its_first_items_done_with_evidence(seeded):
    items = list(_teacher_pair().programme.items.order_by("position"))
    done = [item for item in items if item.done]
    # The plan fits into the months before the summer, so a few of its items are past.
    assert 2 <= len(done) <= 4
    assert done == items[: len(done)]
    assert all(item.evidence and item.planned_on <= timezone.localdate() for item in done)


def test_teacher_pair_held_the_meetings_so_far_and_plans_the_rest(seeded):
    today = timezone.localdate()
    meetings = list(_teacher_pair().meetings.order_by("planned_on", "pk"))
    held = [m for m in meetings if m.held_on]
    assert [m.kind for m in held[:3]] == [
        Meeting.Kind.ORGANISATIONAL,
        Meeting.Kind.TRIAL,
        Meeting.Kind.PLANNING,
    ]
    assert {m.kind for m in held[3:]} == {Meeting.Kind.REGULAR}
    assert all(m.topic and m.held_on == m.planned_on <= today for m in held)
    assert all(m.planned_on > today for m in meetings if not m.held_on)
    assert {m.format for m in held} == set(Meeting.Format.values)
    assert meetings[-1].kind == Meeting.Kind.FINAL and meetings[-1].held_on is None


def test_only_the_mentor_answered_on_the_last_meeting_so_the_teacher_has_one_to_leave(
    seeded, client
):
    pair = _teacher_pair()
    regular = list(
        pair.meetings.filter(kind=Meeting.Kind.REGULAR, held_on__isnull=False).order_by("held_on")
    )
    *earlier, last = regular
    [feedback] = MeetingFeedback.objects.filter(meeting=last)
    assert feedback.author == pair.mentor.person
    for meeting in earlier:
        assert meeting.feedback.count() == 2
    client.force_login(User.objects.get(email="teacher@demo.nastavnik.ru"))
    response = client.get(reverse("my_mentoring"))
    [card] = response.context["cards"]
    assert [row["meeting"] for row in card["to_leave"]] == [last]
    assert card["progress"][0] >= 2
    content = client.get(reverse("meeting_list", args=[pair.pk])).content.decode()
    assert feedback.comment not in content


def test_some_participants_named_up_to_three_partners_and_one_pair_each_other(seeded):
    rows = Preference.objects.filter(academic_year__organisation=_main_school())
    curator = User.objects.get(email="curator@demo.nastavnik.ru")
    assert all(p.entered_by == curator for p in rows)
    by_chooser = Counter(rows.values_list("chooser", flat=True))
    assert 3 <= len(by_chooser) <= 8
    assert all(count <= 3 for count in by_chooser.values())
    mentors = set(MentorEntry.objects.values_list("person", flat=True))
    assert by_chooser.keys() & mentors
    assert by_chooser.keys() - mentors
    named = set(rows.values_list("chooser", "chosen"))
    assert any((chosen, chooser) in named for chooser, chosen in named)


def test_demo_pairs_are_put_into_effect_by_an_approved_order(seeded):
    from reports.models import Order

    school = MentoringPair.objects.get(status=MentoringPair.Status.ACTIVE).organisation
    orders = {order.kind: order for order in Order.objects.filter(organisation=school)}
    pairs_order = orders[Order.Kind.PAIRS]
    assert pairs_order.status == Order.Status.APPROVED
    assert pairs_order.registration_number.startswith("01-05/")
    assert [p.status for p in pairs_order.pairs.all()] == [MentoringPair.Status.ACTIVE]
    assert orders[Order.Kind.SYSTEM].number < pairs_order.number
    # Signed as a school would: the model at the start of the year, the pairs before they start.
    year = school.academic_years.get(is_current=True)
    assert year.start_date <= orders[Order.Kind.SYSTEM].signed_on <= pairs_order.signed_on
    assert pairs_order.signed_on < min(p.start_date for p in pairs_order.pairs.all())
    assert orders[Order.Kind.FINAL_EVENT].status == Order.Status.SUBMITTED
    assert orders[Order.Kind.LETTER].status == Order.Status.DRAFT


def test_demo_school_has_a_roadmap_from_a_real_school(seeded):
    from roadmap.models import Roadmap

    roadmap = Roadmap.objects.get()
    assert roadmap.academic_year.is_current
    assert roadmap.stages.count() == 7


def _readme_accounts() -> list[tuple[str, str, str]]:
    """(role, e-mail, password) of each row of the README's table of demo accounts."""
    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    table = readme.split("Demo accounts (created by", 1)[1].split("\n\n", 2)[1]
    rows = []
    for line in table.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows.append((cells[0], cells[1].strip("`"), cells[2].strip("`")))
    return rows


def test_every_sign_in_the_readme_names_exists_with_its_role_and_password(seeded):
    rows = _readme_accounts()
    assert {email for _role, email, _password in rows} == {a.email for a in ACCOUNTS}
    roles = {a.email: a.role for a in ACCOUNTS}
    for role, email, password in rows:
        assert password == PASSWORD
        user = User.objects.get(email=email)
        assert Membership.objects.filter(user=user, role=roles[email]).exists()
        assert roles[email].value in role
        assert user.check_password(password), email


def test_demo_staff_hold_the_duties_roadmaps_name(seeded):
    for school in Organisation.objects.filter(kind=Organisation.Kind.SCHOOL):
        staff = Person.objects.filter(organisation=school).exclude(kind=Person.Kind.STUDENT)
        held = [duty for duties in staff.values_list("duties", flat=True) for duty in duties]
        assert (
            held.count(Duty.SOCIAL_PEDAGOGUE) == staff.filter(position="Социальный педагог").count()
        )
        assert held.count(Duty.WEBSITE) == 1
        assert held.count(Duty.SMO_HEAD) == 3
        homerooms = list(
            staff.filter(duties__icontains=Duty.CLASS_TEACHER).values_list("homeroom", flat=True)
        )
        assert homerooms and all(homerooms) and len(set(homerooms)) == len(homerooms)
