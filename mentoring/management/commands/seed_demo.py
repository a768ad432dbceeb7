"""A demo municipality with two schools and one account per role; safe to run again."""

import random
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from mentoring import demo
from mentoring.models import AcademicYear, Membership, Organisation, Person, Role, User

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
}


@dataclass(frozen=True)
class SchoolPlan:
    number: int
    address: str
    phone: str
    staff: int
    students: int


SCHOOLS = (
    SchoolPlan(
        number=7,
        address="618419, Пермский край, г. Березники, ул. Юбилейная, д. 29",
        phone="+7 (3424) 26-15-07",
        staff=60,
        students=150,
    ),
    SchoolPlan(
        number=24,
        address="618426, Пермский край, г. Березники, ул. Пятилетки, д. 56",
        phone="+7 (3424) 23-40-12",
        staff=15,
        students=40,
    ),
)


def _position(prefix: str) -> Callable[[dict], bool]:
    return lambda row: row["position"].startswith(prefix)


def _experienced_teacher(row: dict) -> bool:
    return row["position"].startswith("Учитель ") and row["category"] == Person.Category.HIGHEST


@dataclass(frozen=True)
class Account:
    login: str
    role: Role
    school: int | None  # index in SCHOOLS; None for the municipality
    person: Callable[[dict], bool] | None  # picks the account's own record among the staff

    @property
    def email(self) -> str:
        return f"{self.login}@{DOMAIN}"


ACCOUNTS = (
    Account("coordinator", Role.COORDINATOR, None, None),
    Account("director", Role.DIRECTOR, 0, _position("Директор")),
    Account("curator", Role.CURATOR, 0, _position("Заместитель директора по УВР")),
    Account("teacher", Role.TEACHER, 0, _experienced_teacher),
    Account("psychologist", Role.PSYCHOLOGIST, 0, _position("Педагог-психолог")),
    Account("curator2", Role.CURATOR, 1, _position("Заместитель директора по УВР")),
)


def _full_name(row: dict) -> str:
    return f"{row['last_name']} {row['first_name']} {row['patronymic']}"


class Command(BaseCommand):
    help = "Создаёт демонстрационный муниципалитет с двумя школами и учётными записями."

    @transaction.atomic
    def handle(self, *args, **options):
        rng = random.Random(demo.DEMO_YEAR)
        head = demo.full_name(rng, female=True)
        coordinator_name = _full_name(demo.full_name(rng, female=True))
        municipality, _created = Organisation.objects.update_or_create(
            kind=Organisation.Kind.MUNICIPALITY,
            short_name=MUNICIPALITY["short_name"],
            defaults={**MUNICIPALITY, "director_name": _full_name(head)},
        )
        catalogue = demo.subjects_catalogue()
        schools, staff_rows, people = [], [], []
        for plan in SCHOOLS:
            rng = random.Random(plan.number)
            staff = demo.staff(rng, plan.staff)
            rows = staff + demo.students(rng, plan.students)
            fields = demo.school_fields(plan.number)
            school, _created = Organisation.objects.update_or_create(
                municipality=municipality,
                short_name=fields["short_name"],
                defaults={
                    **fields,
                    "address": plan.address,
                    "phone": plan.phone,
                    "email": f"school{plan.number}@{DOMAIN}",
                    "director_name": _full_name(staff[0]),
                },
            )
            self._academic_years(school)
            schools.append(school)
            staff_rows.append(staff)
            people.append(self._people(school, rows, catalogue))
        for account in ACCOUNTS:
            if account.school is None:
                self._account(account, municipality, coordinator_name, None)
                continue
            row = next(r for r in staff_rows[account.school] if account.person(r))
            person = people[account.school][demo.person_key(row)]
            self._account(account, schools[account.school], _full_name(row), person)
        self._report(municipality, schools)

    def _academic_years(self, school: Organisation) -> None:
        for start_year in (demo.DEMO_YEAR - 1, demo.DEMO_YEAR):
            start, end = AcademicYear.bounds_for(start_year)
            current = (
                start_year == demo.DEMO_YEAR
                and not school.academic_years.filter(is_current=True).exists()
            )
            AcademicYear.objects.get_or_create(
                organisation=school,
                start_date=start,
                defaults={"end_date": end, "is_current": current},
            )

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

    def _report(self, municipality: Organisation, schools: list[Organisation]) -> None:
        self.stdout.write(self.style.SUCCESS(_("Демо-данные готовы: %s") % municipality))
        for school in schools:
            people = Person.objects.filter(organisation=school)
            self.stdout.write(
                _("  %(school)s: сотрудников — %(staff)d, обучающихся — %(students)d")
                % {
                    "school": school,
                    "staff": people.exclude(kind=Person.Kind.STUDENT).count(),
                    "students": people.filter(kind=Person.Kind.STUDENT).count(),
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
