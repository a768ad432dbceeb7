"""A demo municipality with two schools and one account per role; the banks of mentees and
mentors of the first school, its pairs of every status and the participants' preferences. It
lives in the academic year that contains today, with what a school would have done by now;
safe to run again."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import working_day_on_or_after

from ... import demo, extensions
from ...models import (
    AcademicYear,
    Consent,
    Meeting,
    Membership,
    MenteeEntry,
    MentorEntry,
    MentoringForm,
    MentoringPair,
    MentoringType,
    Organisation,
    Person,
    Preference,
    Role,
    RoleModel,
    User,
)
from ...models.consents import restricted
from ...services import banks, consents, meetings, organisations, preferences, programmes
from ...services import pairs as pair_services

PASSWORD = "nastavnik-demo"
DOMAIN = "demo.nastavnik.ru"

MUNICIPALITY = {
    "full_name": "Управление образования администрации города Березники",
    "short_name": "УО г. Березники",
    "city": "Березники",
    "address": "618400, Пермский край, г. Березники, Советский пр-т, д. 39",
    "director_position": "Начальник управления",
    "phone": "+7 (3424) 26-07-21",
    "email": f"uo@{DOMAIN}",
    "authority_name": "Управление образования администрации города Березники",
    "authority_address": "618400, Пермский край, г. Березники, Советский пр-т, д. 39",
}


@dataclass(frozen=True)
class SchoolPlan:
    number: int
    address: str
    phone: str
    inn: str
    ogrn: str
    staff: int
    students: int


SCHOOLS = (
    SchoolPlan(
        number=7,
        address="618419, Пермский край, г. Березники, ул. Юбилейная, д. 29",
        phone="+7 (3424) 26-15-07",
        inn="5911012070",
        ogrn="1025901772071",
        staff=60,
        students=150,
    ),
    SchoolPlan(
        number=24,
        address="618426, Пермский край, г. Березники, ул. Пятилетки, д. 56",
        phone="+7 (3424) 23-40-12",
        inn="5911012240",
        ogrn="1025901772247",
        staff=15,
        students=40,
    ),
)


def _position(prefix: str) -> Callable[[dict, int], bool]:
    return lambda row, _year: row["position"].startswith(prefix)


def _young_teacher(row: dict, year: int) -> bool:
    return row["position"].startswith("Учитель ") and demo.experience(row, year) <= 3


@dataclass(frozen=True)
class Account:
    login: str
    role: Role
    school: int | None  # index in SCHOOLS; None for the municipality
    # Picks the account's own record among the staff generated for a year.
    person: Callable[[dict, int], bool] | None

    @property
    def email(self) -> str:
        return f"{self.login}@{DOMAIN}"


ACCOUNTS = (
    Account("coordinator", Role.COORDINATOR, None, None),
    Account("director", Role.DIRECTOR, 0, _position("Директор")),
    Account("curator", Role.CURATOR, 0, _position("Заместитель директора по УВР")),
    # A young specialist in an active pair, with a programme and meetings under way.
    Account("teacher", Role.TEACHER, 0, _young_teacher),
    Account("psychologist", Role.PSYCHOLOGIST, 0, _position("Педагог-психолог")),
    Account("curator2", Role.CURATOR, 1, _position("Заместитель директора по УВР")),
)


def _activate(school: Organisation, pair: MentoringPair) -> None:
    """Put the pair into effect the way the installed apps do it: by an approved order when the
    orders app is there; without it, directly."""
    for activate in extensions.DEMO_PAIR_ACTIVATORS:
        activate(school)
    if not extensions.DEMO_PAIR_ACTIVATORS:
        MentoringPair.objects.filter(pk=pair.pk).update(status=MentoringPair.Status.ACTIVE)


def _full_name(row: dict) -> str:
    return f"{row['last_name']} {row['first_name']} {row['patronymic']}"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _consented(entry: MenteeEntry | MentorEntry) -> bool:
    return not pair_services.missing_consents([entry])


def _shared(mentee: MenteeEntry, mentor: MentorEntry) -> int:
    """How many subjects the two teach."""
    return len(set(mentee.person.subjects.all()) & set(mentor.person.subjects.all()))


def _overlap(mentee: MenteeEntry, mentor: MentorEntry) -> tuple[int, int]:
    """Requests the mentor covers, then shared subjects: how the two would rate each other."""
    requests = {t.pk for t in mentee.requests.all()}
    return len(requests & {t.pk for t in mentor.competences.all()}), _shared(mentee, mentor)


def _best_mentor(mentee: MenteeEntry, mentors: list[MentorEntry]) -> MentorEntry:
    """A mentor of the mentee's subject, the most experienced of the highest category first."""
    return min(
        mentors,
        key=lambda m: (
            -_shared(mentee, m),
            m.person.category != Person.Category.HIGHEST,
            m.person.teaching_since or mentee.academic_year.start_date.year,
        ),
    )


def _restricted(year: AcademicYear) -> set[int]:
    """People who withdrew their consent (in an earlier run): they join no bank again."""
    people = Person.objects.filter(organisation=year.organisation_id).filter(restricted())
    return set(people.values_list("pk", flat=True))


def _period(year: AcademicYear, start: date, months: int) -> tuple[date, date]:
    """A programme of about `months` months from `start`, inside the academic year and ending
    before the summer holidays."""
    start = max(start, working_day_on_or_after(year.start_date))
    end = min(pair_services.programme_end_before_summer(start, months), year.end_date)
    return start, max(end, start + timedelta(weeks=4))


def _teachers_pair_submitted(
    year: AcademicYear,
    mentor: MentorEntry,
    mentee: MenteeEntry,
    form: MentoringForm,
    start: date,
    end: date,
) -> MentoringPair:
    """A traditional pair of an experienced teacher and a young specialist, handed over for
    the order."""
    pair = pair_services.pair_create(
        academic_year=year,
        mentor=mentor,
        mentees=[mentee],
        form=form,
        role_model=RoleModel.objects.get(form=form, name=demo.TEACHER_ROLE_MODEL),
        mentoring_type=MentoringType.objects.get(
            organisation=None, code=MentoringType.Code.TRADITIONAL
        ),
        start_date=start,
        end_date=end,
    )
    pair_services.pair_submit_for_order(pair=pair)
    return pair


class Command(BaseCommand):
    help = (
        "Создаёт демонстрационный муниципалитет с двумя школами, учётными записями, "
        "банками наставников и наставляемых и наставническими парами."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        self.year = demo.demo_year()
        self.people_year = self._people_year()
        rng = random.Random(self.people_year)
        head = demo.full_name(rng, female=True)
        coordinator_name = _full_name(demo.full_name(rng, female=True))
        municipality, _created = Organisation.objects.update_or_create(
            kind=Organisation.Kind.MUNICIPALITY,
            short_name=MUNICIPALITY["short_name"],
            defaults={**MUNICIPALITY, "director_name": _full_name(head)},
        )
        catalogue = demo.subjects_catalogue()
        schools, staff_rows, student_rows, people = [], [], [], []
        for plan in SCHOOLS:
            rng = random.Random(plan.number)
            staff = demo.staff(rng, plan.staff, year=self.people_year)
            students = demo.students(rng, plan.students, year=self.people_year)
            rows = demo.with_duties(staff) + students
            fields = demo.school_fields(plan.number)
            school, _created = Organisation.objects.update_or_create(
                municipality=municipality,
                short_name=fields["short_name"],
                defaults={
                    **fields,
                    "address": plan.address,
                    "phone": plan.phone,
                    "inn": plan.inn,
                    "ogrn": plan.ogrn,
                    "email": f"school{plan.number}@{DOMAIN}",
                    "director_name": _full_name(staff[0]),
                },
            )
            self._academic_years(school)
            schools.append(school)
            staff_rows.append(staff)
            student_rows.append(students)
            people.append(self._people(school, rows, catalogue))
        for account in ACCOUNTS:
            if account.school is None:
                self._account(account, municipality, coordinator_name, None)
                continue
            row = next(r for r in staff_rows[account.school] if account.person(r, self.people_year))
            person = people[account.school][demo.person_key(row)]
            self._account(account, schools[account.school], _full_name(row), person)
        self._banks(schools[0], staff_rows[0], student_rows[0], people[0])
        self._pairs(schools[0])
        self._preferences(schools[0])
        for step in extensions.DEMO_STEPS:
            step(schools[0])
        self._report(municipality, schools)

    def _people_year(self) -> int:
        """The year the demo's people were made for: the first run's, so that a run in a later
        academic year finds the same people (a year older) instead of making new ones."""
        first = (
            AcademicYear.objects.filter(
                organisation__municipality__kind=Organisation.Kind.MUNICIPALITY,
                organisation__municipality__short_name=MUNICIPALITY["short_name"],
            )
            .order_by("start_date")
            .values_list("start_date", flat=True)
            .first()
        )
        # The first run made the year before its own as well.
        return min(first.year + 1, self.year) if first else self.year

    def _academic_years(self, school: Organisation) -> None:
        """The past year and the one that contains today, which is the current one."""
        for start_year in (self.year - 1, self.year):
            start, _end = AcademicYear.bounds_for(start_year)
            year = school.academic_years.filter(start_date=start).first()
            if year is None:
                year = organisations.academic_year_create(
                    organisation=school, start_year=start_year
                )
        organisations.academic_year_make_current(year=year)

    def _people(self, school: Organisation, rows: list[dict], catalogue) -> dict[tuple, Person]:
        """Insert the generated people the school does not have yet; all of them by key."""
        existing = {
            (p.last_name, p.first_name, p.patronymic, p.birth_date): p
            for p in Person.objects.filter(organisation=school)
        }
        missing = {
            demo.person_key(row): row for row in rows if demo.person_key(row) not in existing
        }
        created = demo.people_insert(school, list(missing.values()), catalogue)
        return existing | dict(zip(missing, created, strict=True))

    def _account(
        self, account: Account, organisation: Organisation, name: str, person: Person | None
    ) -> None:
        user, _created = User.objects.update_or_create(
            email=account.email, defaults={"full_name": name, "is_active": True}
        )
        # Set on every run so the printed password always works.
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, organisation=organisation, role=account.role)
        if person is None:
            return
        Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
        if person.user_id != user.pk or person.email != user.email:
            person.user, person.email = user, user.email
            person.save(update_fields=["user", "email", "updated_at"])

    def _banks(
        self, school: Organisation, staff: list[dict], students: list[dict], people: dict
    ) -> None:
        """Consents and both banks of the current year; only what is missing is added."""
        rng = random.Random(f"banks-{school.short_name}")
        # Ages are taken on a fixed day, so that every run picks the same people.
        plan = demo.bank_plan(rng, staff, students, on=date(self.people_year, 9, 1))
        year = school.academic_years.get(is_current=True)
        banks.tags_by_names(school, demo.TAGS)
        self._consents(rng, school, plan, staff, students, people)
        forms = {f.name: f for f in MentoringForm.objects.filter(organisation=None)}
        self._mentees(year, plan["mentees"], people, forms)
        self._mentors(year, plan["mentors"], people, forms)
        # One mentee changed their mind: the curator sees the deadline to destroy the data.
        withdrawn = Consent.objects.filter(
            person=people[plan["withdrawn"]], kind=Consent.Kind.PROCESSING
        ).first()
        if withdrawn and withdrawn.withdrawn_on is None:
            consents.consent_withdraw(
                consent=withdrawn,
                withdrawn_on=max(withdrawn.given_on, timezone.localdate() - timedelta(days=5)),
            )

    def _consents(
        self,
        rng: random.Random,
        school: Organisation,
        plan: dict,
        staff: list[dict],
        students: list[dict],
        people: dict,
    ) -> None:
        """Processing consents of most staff and of the pupils in the banks (signed by a
        parent); mentors and most mentees in the bank also agreed to mentoring duties."""
        today = timezone.localdate()
        curator = User.objects.get(email=f"curator@{DOMAIN}")
        given = set(
            Consent.objects.filter(person__organisation=school).values_list("person_id", "kind")
        )
        without = set(plan["without_consent"])
        in_bank = {m["key"] for m in plan["mentees"] + plan["mentors"]}
        duties = {m["key"] for m in plan["mentors"] if m["status"] == MentorEntry.Status.IN_BANK}
        # Mentees in the bank agreed too, but for two, so matching can show the refusal.
        duties |= {
            m["key"] for m in plan["mentees"] if m["status"] == MenteeEntry.Status.IN_BANK
        } - {m["key"] for m in plan["mentees"][-2:]}
        signers = [r for r in staff if demo.person_key(r) not in without] + [
            r for r in students if demo.person_key(r) in in_bank
        ]
        for row in signers:
            key = demo.person_key(row)
            # Drawn for everyone, so a second run draws the same values for the rest.
            details = demo.consent_details(rng, row, on=date(self.people_year, 9, 1))
            given_on = demo.september_day(rng, today)
            kinds = [Consent.Kind.PROCESSING]
            if key in duties:
                kinds.append(Consent.Kind.MENTORING_DUTIES)
            for kind in kinds:
                if (people[key].pk, kind) not in given:
                    consents.consent_record(
                        person=people[key],
                        kind=kind,
                        given_on=given_on,
                        verified_by=curator,
                        **details,
                    )

    def _mentees(self, year: AcademicYear, plan: list[dict], people: dict, forms: dict) -> None:
        psychologist = User.objects.get(email=f"psychologist@{DOMAIN}")
        existing = set(
            MenteeEntry.objects.filter(academic_year=year).values_list("person_id", flat=True)
        ) | _restricted(year)
        for mentee in plan:
            person = people[mentee["key"]]
            if person.pk in existing:
                continue
            entry = banks.mentee_add(
                academic_year=year,
                person=person,
                status=mentee["status"],
                categories=mentee["categories"],
                request_names=mentee["requests"],
                requests_text=mentee["requests_text"],
                request_sources=mentee["sources"],
                preferred_forms=[forms[name] for name in mentee["forms"]],
            )
            if "note" in mentee:
                banks.psychologist_note_add(entry=entry, author=psychologist, text=mentee["note"])

    def _mentors(self, year: AcademicYear, plan: list[dict], people: dict, forms: dict) -> None:
        today = timezone.localdate()
        existing = set(
            MentorEntry.objects.filter(academic_year=year).values_list("person_id", flat=True)
        ) | _restricted(year)
        for mentor in plan:
            person = people[mentor["key"]]
            if person.pk in existing:
                continue
            entry = banks.mentor_add(
                academic_year=year,
                person=person,
                status=mentor["status"],
                grounds=mentor["grounds"],
                competence_names=mentor["competences"],
                capacity=mentor["capacity"],
                preferred_forms=[forms[name] for name in mentor["forms"]],
            )
            if mentor["details"]:
                # Interviews and training of September and October: done by now, if at all.
                details = {
                    key: min(value, today) if isinstance(value, date) else value
                    for key, value in mentor["details"].items()
                }
                banks.bank_entry_update(entry=entry, data=details)

    def _pairs(self, school: Organisation) -> None:
        """The demo teacher's active pair, a draft group of pupils, a pair of teachers
        waiting for the order and a pair of the past year that completed its programme; a pair
        whose members are already paired is not formed again."""
        year = school.academic_years.get(is_current=True)
        forms = {f.name: f for f in MentoringForm.objects.filter(organisation=None)}
        mentors = list(
            MentorEntry.objects.filter(academic_year=year, status=MentorEntry.Status.IN_BANK)
            .select_related("person")
            .prefetch_related("person__subjects", "person__consents", "competences")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        teacher_mentors = [m for m in mentors if m.person.kind == Person.Kind.TEACHER]
        teacher = MenteeEntry.objects.select_related("person").get(
            academic_year=year, person__user__email=f"teacher@{DOMAIN}"
        )
        pair = teacher.pairs.select_related("mentor").first()
        if pair is None:
            pair = self._teacher_pair(
                year, teacher, _best_mentor(teacher, teacher_mentors), forms["педагог – педагог"]
            )
        self._awaiting_pair(year, teacher, teacher_mentors, pair.mentor, forms["педагог – педагог"])
        students = [m for m in mentors if m.person.kind == Person.Kind.STUDENT and _consented(m)]
        if students and not students[0].pairs.exists():
            self._draft_group(year, students[0], forms["ученик – ученик"])
        self._past_pair(school, pair.mentor, forms["педагог – педагог"])

    def _teacher_pair(
        self, year: AcademicYear, teacher: MenteeEntry, mentor: MentorEntry, form: MentoringForm
    ) -> MentoringPair:
        today = timezone.localdate()
        if teacher.status == MenteeEntry.Status.CANDIDATE:
            banks.bank_entries_set_status(entries=[teacher], status=MenteeEntry.Status.IN_BANK)
        # In October, once both signed their consents in September; early in the year, six
        # weeks ago, so that the first meetings are over, and never before the year began.
        signed = Consent.objects.filter(
            person__in=[teacher.person, mentor.person], kind__in=pair_services.REQUIRED_CONSENTS
        ).values_list("given_on", flat=True)
        start = min(
            working_day_on_or_after(max(date(year.start_date.year, 10, 1), *signed)),
            _monday(today - timedelta(weeks=6)),
        )
        start, end = _period(year, start, 9)
        start = min(start, today)
        pair = _teachers_pair_submitted(year, mentor, teacher, form, start, end)
        _activate(year.organisation, pair)
        self._work_done(pair, today)
        self._meetings_hold(pair, mentor.person, teacher.person, today)
        return pair

    def _work_done(self, pair: MentoringPair, today: date) -> None:
        """The pair's programme, its items due by today done, and its meetings planned."""
        programme = programmes.programme_create_from_template(pair=pair)
        for item in programme.items.filter(planned_on__lte=today).order_by("position"):
            programmes.programme_item_set_done(
                item=item,
                done=True,
                evidence=demo.EVIDENCE.get(item.activity, demo.REQUEST_EVIDENCE),
            )
        meetings.meetings_plan(pair=pair)

    def _past_pair(self, school: Organisation, current_mentor: MentorEntry, form) -> None:
        """A pair of the past academic year that completed its programme in May: the demo
        teacher's mentor with a colleague of the same subject, once. The methodical collection
        describes it."""
        today = timezone.localdate()
        mentor = current_mentor.person
        current = current_mentor.academic_year
        year = (
            school.academic_years.filter(start_date__lt=current.start_date)
            .order_by("-start_date")
            .first()
        )
        if year is None or MentoringPair.objects.filter(academic_year=year).exists():
            return
        # A colleague with the consents a pair needs, neither a mentor this year nor in a pair
        # again; one of the mentor's subject first.
        busy = MentorEntry.objects.filter(academic_year=current).values("person_id")
        paired = MenteeEntry.objects.filter(
            academic_year=current, status=MenteeEntry.Status.PAIRED
        ).values("person_id")
        colleagues = [
            p
            for p in Person.objects.filter(
                organisation=school, kind=Person.Kind.TEACHER, position__startswith="Учитель "
            )
            .exclude(pk=mentor.pk)
            .exclude(pk__in=busy)
            .exclude(pk__in=paired)
            .prefetch_related("subjects", "consents")
            .order_by("last_name", "first_name", "pk")
            if not consents.consents_missing(p, on=today)
        ]
        subjects = set(mentor.subjects.all())
        colleagues.sort(key=lambda p: not subjects & set(p.subjects.all()))
        mentee = colleagues[0] if colleagues else None
        if mentee is None or consents.consents_missing(mentor, on=today):
            return
        mentee_entry = banks.mentee_add(
            academic_year=year,
            person=mentee,
            status=MenteeEntry.Status.IN_BANK,
            categories=[MenteeEntry.Category.YOUNG_SPECIALIST],
        )
        mentor_entry = banks.mentor_add(
            academic_year=year,
            person=mentor,
            status=MentorEntry.Status.IN_BANK,
            grounds=current_mentor.grounds,
            competence_names=current_mentor.competences.values_list("name", flat=True),
        )
        start, end = _period(year, date(year.start_date.year, 10, 1), 8)
        pair = _teachers_pair_submitted(year, mentor_entry, mentee_entry, form, start, end)
        # The past year's order is not in the demo: the pair is put into effect directly.
        pair_services.pairs_activate(pairs=[pair])
        self._work_done(pair, end)
        self._meetings_log(pair, end)
        pair_services.pair_complete(pair=pair, on=end)

    def _meetings_log(self, pair: MentoringPair, today: date) -> list[Meeting]:
        """Every meeting planned up to today was held on its day; returns the regular ones."""
        past = list(pair.meetings.filter(planned_on__lte=today).order_by("planned_on", "pk"))
        later_topics = iter(demo.LATER_REGULAR_TOPICS * len(past))
        regular = []
        for meeting in past:
            format_, topic, notes = demo.HELD_MEETINGS[meeting.kind]
            if meeting.kind == Meeting.Kind.REGULAR:
                if regular:
                    topic, notes = next(later_topics), ""
                regular.append(meeting)
            meetings.meeting_log(
                meeting=meeting,
                held_on=meeting.planned_on,
                format=format_,
                topic=topic,
                notes=notes,
            )
        return regular

    def _meetings_hold(self, pair: MentoringPair, mentor: Person, mentee: Person, today) -> None:
        """Every meeting planned up to today was held on its day. Both left feedback on the
        regular ones but the last, where only the mentor has answered: the teacher's feedback
        is awaited, and until it comes the mentor's stays hidden from her."""
        regular = self._meetings_log(pair, today)
        for meeting in regular:
            if meeting is regular[-1]:
                authors = [(mentor, demo.MENTOR_FEEDBACK)]
            else:
                authors = [(mentor, demo.MENTOR_EARLIER_FEEDBACK), (mentee, demo.MENTEE_FEEDBACK)]
            for author, (rating, comment) in authors:
                meetings.meeting_feedback_leave(
                    meeting=meeting, author=author, rating=rating, comment=comment
                )

    def _awaiting_pair(
        self,
        year: AcademicYear,
        teacher: MenteeEntry,
        mentors: list[MentorEntry],
        demo_mentor: MentorEntry,
        form: MentoringForm,
    ) -> None:
        """Another young specialist with a mentor of their subject, handed over for the order."""
        others = [m for m in mentors if m.pk != demo_mentor.pk]
        entries = (
            MenteeEntry.objects.filter(
                academic_year=year,
                status__in=(MenteeEntry.Status.IN_BANK, MenteeEntry.Status.PAIRED),
                person__kind=Person.Kind.TEACHER,
            )
            .exclude(pk=teacher.pk)
            .select_related("person")
            .prefetch_related("person__subjects", "person__consents")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        mentee = next(
            (
                e
                for e in entries
                if MenteeEntry.Category.YOUNG_SPECIALIST in e.categories
                and _consented(e)
                and any(_shared(e, m) for m in others)
            ),
            None,
        )
        if mentee is None or mentee.pairs.exists():
            return
        free = [m for m in others if _shared(mentee, m) and pair_services.mentor_free_places(m)]
        if not free:
            return
        mentor = _best_mentor(mentee, free)
        start, end = _period(year, _monday(timezone.localdate()) + timedelta(weeks=2), 6)
        _teachers_pair_submitted(year, mentor, mentee, form, start, end)

    def _draft_group(self, year: AcademicYear, mentor: MentorEntry, form: MentoringForm) -> None:
        """A senior pupil with two younger ones, preferably those who asked for a peer mentor;
        the curator has not sent it for the order yet."""
        competences = {t.pk for t in mentor.competences.all()}
        pupils = [
            e
            for e in MenteeEntry.objects.filter(
                academic_year=year,
                status=MenteeEntry.Status.IN_BANK,
                person__kind=Person.Kind.STUDENT,
            )
            .select_related("person")
            .prefetch_related("person__consents", "requests", "preferred_forms")
            .order_by("person__last_name", "person__first_name", "pk")
            if _consented(e)
        ]
        # Those who asked for a peer mentor first, then whose requests the mentor covers best.
        pupils.sort(
            key=lambda e: (
                form not in e.preferred_forms.all(),
                -len(competences & {t.pk for t in e.requests.all()}),
            )
        )
        if len(pupils) < 2:
            return
        if mentor.capacity < 2:
            banks.bank_entry_update(entry=mentor, data={"capacity": 2})
        start, end = _period(year, _monday(timezone.localdate()) + timedelta(weeks=3), 5)
        pair_services.pair_create(
            academic_year=year,
            mentor=mentor,
            mentees=pupils[:2],
            form=form,
            role_model=RoleModel.objects.get(form=form, name=demo.GROUP_ROLE_MODEL),
            mentoring_type=MentoringType.objects.get(
                organisation=None, code=MentoringType.Code.GROUP
            ),
            start_date=start,
            end_date=end,
        )

    def _preferences(self, school: Organisation) -> None:
        """Choices named after the group meeting by three teachers still in the bank of mentees
        and three mentors, each best first by the requests the other covers; entered once, like
        the paper forms they stand for. With the default weights one mentee and one mentor who
        name each other get other partners, so the matching page shows a blocking pair."""
        year = school.academic_years.get(is_current=True)
        if Preference.objects.filter(academic_year=year).exists():
            return
        curator = User.objects.get(email=f"curator@{DOMAIN}")
        mentees = list(
            MenteeEntry.objects.filter(
                academic_year=year,
                status=MenteeEntry.Status.IN_BANK,
                person__kind=Person.Kind.TEACHER,
            )
            .select_related("person")
            .prefetch_related("person__subjects", "requests")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        mentors = list(
            MentorEntry.objects.filter(
                academic_year=year,
                status=MentorEntry.Status.IN_BANK,
                person__kind=Person.Kind.TEACHER,
            )
            .select_related("person")
            .prefetch_related("person__subjects", "competences")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        for mentee in mentees[:3]:
            ranked = sorted(mentors, key=lambda m: _overlap(mentee, m), reverse=True)
            preferences.preferences_set(
                academic_year=year,
                chooser=mentee.person,
                chosen=[m.person for m in ranked[: preferences.MAX_CHOICES]],
                entered_by=curator,
            )
        for mentor in mentors[:3]:
            ranked = sorted(mentees, key=lambda e: _overlap(e, mentor), reverse=True)
            preferences.preferences_set(
                academic_year=year,
                chooser=mentor.person,
                chosen=[e.person for e in ranked[: preferences.MAX_CHOICES]],
                entered_by=curator,
            )

    def _report(self, municipality: Organisation, schools: list[Organisation]) -> None:
        self.stdout.write(self.style.SUCCESS(_("Демо-данные готовы: %s") % municipality))
        for school in schools:
            people = Person.objects.filter(organisation=school)
            self.stdout.write(
                _(
                    "  %(school)s: сотрудников — %(staff)d, обучающихся — %(students)d, "
                    "пар и групп — %(pairs)d"
                )
                % {
                    "school": school,
                    "staff": people.exclude(kind=Person.Kind.STUDENT).count(),
                    "students": people.filter(kind=Person.Kind.STUDENT).count(),
                    "pairs": MentoringPair.objects.filter(organisation=school).count(),
                }
            )
        self.stdout.write("")
        self.stdout.write(f"{_('Роль'):<28}{_('Организация'):<18}{_('E-mail'):<34}{_('Пароль')}")
        organisations = [municipality, *schools]
        for account in ACCOUNTS:
            organisation = organisations[0 if account.school is None else account.school + 1]
            self.stdout.write(
                f"{account.role.label:<28}{organisation.short_name:<18}{account.email:<34}{PASSWORD}"
            )
