import factory
from factory.django import DjangoModelFactory

from mentoring.models import AcademicYear, Membership, Organisation, Person, Role, Subject, User


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.MUNICIPALITY
    full_name = factory.Sequence(lambda n: f"Управление образования города №{n}")
    short_name = factory.Sequence(lambda n: f"УО №{n}")
    city = "Березники"


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.SCHOOL
    full_name = factory.Sequence(
        lambda n: f"Муниципальное автономное общеобразовательное учреждение «Школа №{n}»"
    )
    short_name = factory.Sequence(lambda n: f"МАОУ «Школа №{n}»")
    address = "618400, г. Березники, ул. Ленина, д. 1"
    city = "Березники"
    director_name = "Петрова Анна Сергеевна"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@school.test")
    full_name = factory.Faker("name", locale="ru_RU")
    password = factory.django.Password("correct-horse-battery")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(SchoolFactory)
    role = Role.TEACHER


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(SchoolFactory)
    kind = Person.Kind.TEACHER
    last_name = factory.Faker("last_name_female", locale="ru_RU")
    first_name = factory.Faker("first_name_female", locale="ru_RU")
    patronymic = factory.Faker("middle_name_female", locale="ru_RU")
    position = "Учитель"
    category = Person.Category.FIRST
    teaching_since = 2010


class AcademicYearFactory(DjangoModelFactory):
    class Meta:
        model = AcademicYear

    organisation = factory.SubFactory(SchoolFactory)
    start_date = factory.LazyFunction(lambda: AcademicYear.bounds_for(2026)[0])
    end_date = factory.LazyFunction(lambda: AcademicYear.bounds_for(2026)[1])
    is_current = True


class SubjectFactory(DjangoModelFactory):
    class Meta:
        model = Subject

    name = factory.Sequence(lambda n: f"Предмет {n}")
