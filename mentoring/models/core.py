from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.names import decline_organisation, decline_person
from core.requisites import validate_inn, validate_ogrn

from .consents import Restriction, restricted, restriction_of


class Organisation(models.Model):
    """A school, or a municipality that groups schools."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("Образовательная организация")
        MUNICIPALITY = "municipality", _("Муниципалитет")

    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices, default=Kind.SCHOOL)
    full_name = models.CharField(_("полное наименование"), max_length=500)
    short_name = models.CharField(_("краткое наименование"), max_length=200)
    municipality = models.ForeignKey(
        "self",
        verbose_name=_("муниципалитет"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schools",
        limit_choices_to={"kind": Kind.MUNICIPALITY},
    )
    address = models.CharField(_("адрес"), max_length=500, blank=True)
    city = models.CharField(_("населённый пункт"), max_length=200, blank=True)
    director_name = models.CharField(_("ФИО руководителя"), max_length=200, blank=True)
    director_position = models.CharField(
        _("должность руководителя"), max_length=200, blank=True, default="Директор"
    )
    phone = models.CharField(_("телефон"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    inn = models.CharField(_("ИНН"), max_length=10, blank=True, validators=[validate_inn])
    ogrn = models.CharField(_("ОГРН"), max_length=13, blank=True, validators=[validate_ogrn])
    # A municipality's body that runs education and keeps the municipal registry of mentors;
    # the schools' consent forms name it as the one their data is passed to.
    authority_name = models.CharField(
        _("орган управления образованием"),
        max_length=500,
        blank=True,
        help_text=_("Полное наименование, например «Управление образования администрации …»."),
    )
    authority_address = models.CharField(
        _("адрес органа управления образованием"), max_length=500, blank=True
    )

    class Meta:
        verbose_name = _("организация")
        verbose_name_plural = _("организации")
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name

    def clean(self) -> None:
        if self.municipality_id:
            if self.kind == self.Kind.MUNICIPALITY:
                raise ValidationError(
                    {"municipality": _("Муниципалитет не может входить в другой муниципалитет.")}
                )
            if self.municipality.kind != self.Kind.MUNICIPALITY:
                raise ValidationError(
                    {"municipality": _("Школа может входить только в муниципалитет.")}
                )

    @property
    def is_school(self) -> bool:
        return self.kind == self.Kind.SCHOOL

    def name_in(self, case: str) -> str:
        """The full name in `case`: «даю согласие Муниципальному … учреждению «…»»."""
        return decline_organisation(self.full_name, case)

    @property
    def education_authority(self) -> "EducationAuthority | None":
        """The municipal body a school passes data to: the one its municipality names, else
        the municipality itself."""
        municipality = self.municipality if self.is_school else self
        if municipality is None:
            return None
        return EducationAuthority(
            name=municipality.authority_name or municipality.full_name,
            address=municipality.authority_address or municipality.address,
        )


@dataclass(frozen=True)
class EducationAuthority:
    name: str
    address: str

    def name_in(self, case: str) -> str:
        return decline_organisation(self.name, case)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("The e-mail must be set")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account; signs in with its e-mail."""

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("ФИО"), max_length=300, blank=True)
    is_active = models.BooleanField(_("активен"), default=True)
    is_staff = models.BooleanField(_("доступ к администрированию"), default=False)
    date_joined = models.DateTimeField(_("дата регистрации"), default=timezone.now)
    email_reminders = models.BooleanField(_("напоминания по e-mail"), default=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        verbose_name = _("пользователь")
        verbose_name_plural = _("пользователи")

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Муниципальный координатор")
    DIRECTOR = "director", _("Директор")
    CURATOR = "curator", _("Куратор")
    TEACHER = "teacher", _("Педагог")
    PSYCHOLOGIST = "psychologist", _("Педагог-психолог")


class Duty(models.TextChoices):
    """A position or duty at the school that roadmaps and orders name as responsible. Not a
    sign-in role: it grants no access, it only says whose task an activity is. The codes
    never clash with Role's, as both may stand in an activity's responsible roles."""

    CLASS_TEACHER = "class_teacher", _("Классный руководитель")
    SMO_HEAD = "smo_head", _("Руководитель ШМО")
    SOCIAL_PEDAGOGUE = "social_pedagogue", _("Социальный педагог")
    WEBSITE = "website", _("Ответственный за сайт")


class Membership(models.Model):
    """A user's role in an organisation; a user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("пользователь"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("организация"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("роль"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("роль в организации")
        verbose_name_plural = _("роли в организациях")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.organisation})"

    def clean(self) -> None:
        wants_municipality = self.role == Role.COORDINATOR
        if (
            self.organisation_id
            and (self.organisation.kind == Organisation.Kind.MUNICIPALITY) != wants_municipality
        ):
            raise ValidationError(
                _(
                    "Муниципальный координатор назначается в муниципалитет, остальные роли — в школу."
                )
            )


class AcademicYear(models.Model):
    """A school year (1 September – 31 August) of one organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="academic_years"
    )
    start_date = models.DateField(_("начало"))
    end_date = models.DateField(_("окончание"))
    is_current = models.BooleanField(_("текущий"), default=False)

    class Meta:
        verbose_name = _("учебный год")
        verbose_name_plural = _("учебные годы")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "start_date"], name="academic_year_unique_start"
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_current=True),
                name="academic_year_one_current",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")),
                name="academic_year_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.start_date.year}/{self.end_date.year}"

    @staticmethod
    def bounds_for(start_year: int) -> tuple[date, date]:
        return date(start_year, 9, 1), date(start_year + 1, 8, 31)

    @staticmethod
    def start_year_of(day: date) -> int:
        """The start year of the academic year (1 September – 31 August) that contains the day."""
        return day.year if day.month >= 9 else day.year - 1


class Subject(models.Model):
    """A school subject; the catalogue grows as staff are entered or imported."""

    name = models.CharField(_("предмет"), max_length=100)

    class Meta:
        verbose_name = _("предмет")
        verbose_name_plural = _("предметы")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="subject_unique_name")]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet):
    def unrestricted(self) -> "PersonQuerySet":
        """Without the people whose processing consent is withdrawn (consents.restricted)."""
        return self.exclude(restricted())


class Person(models.Model):
    """Anyone who can take part in mentoring, with or without an account."""

    class Kind(models.TextChoices):
        TEACHER = "teacher", _("Педагог")
        STAFF = "staff", _("Другой сотрудник")
        STUDENT = "student", _("Обучающийся")
        PARENT = "parent", _("Родитель (законный представитель)")
        GRADUATE = "graduate", _("Выпускник")
        PARTNER = "partner", _("Сотрудник организации-партнёра")
        UNIVERSITY_STUDENT = "university_student", _("Студент")

    class Gender(models.TextChoices):
        MALE = "male", _("Мужской")
        FEMALE = "female", _("Женский")

    class Category(models.TextChoices):
        NONE = "none", _("Без категории")
        FIRST = "first", _("Первая")
        HIGHEST = "highest", _("Высшая")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("организация"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("учётная запись"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    kind = models.CharField(_("вид участника"), max_length=30, choices=Kind.choices)
    last_name = models.CharField(_("фамилия"), max_length=100)
    first_name = models.CharField(_("имя"), max_length=100)
    patronymic = models.CharField(_("отчество"), max_length=100, blank=True)
    # Blank: told by the patronymic (core.names.gender_of), enough for most Russian names.
    gender = models.CharField(
        _("пол"), max_length=6, choices=Gender.choices, blank=True, default=""
    )
    # The full name by case ("genitive", "dative", …) where the library declines it wrongly.
    name_cases = models.JSONField(_("склонение ФИО"), default=dict, blank=True)
    birth_date = models.DateField(_("дата рождения"), null=True, blank=True)
    position = models.CharField(_("должность"), max_length=200, blank=True)
    subjects = models.ManyToManyField(
        Subject, verbose_name=_("предметы"), blank=True, related_name="people"
    )
    teaching_since = models.PositiveSmallIntegerField(
        _("педагогический стаж с (год)"), null=True, blank=True
    )
    category = models.CharField(
        _("квалификационная категория"),
        max_length=10,
        choices=Category.choices,
        default=Category.NONE,
    )
    duties = models.JSONField(_("обязанности"), default=list, blank=True)
    homeroom = models.CharField(
        _("классное руководство"),
        max_length=10,
        blank=True,
        help_text=_("Класс, где педагог — классный руководитель, например «7Б»."),
    )
    grade = models.PositiveSmallIntegerField(_("класс"), null=True, blank=True)
    class_letter = models.CharField(_("литера класса"), max_length=3, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("телефон"), max_length=50, blank=True)
    archived_at = models.DateTimeField(_("в архиве с"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("участник")
        verbose_name_plural = _("участники")
        ordering = ["last_name", "first_name", "patronymic"]
        indexes = [
            models.Index(fields=["organisation", "last_name", "first_name"]),
            models.Index(fields=["organisation", "kind"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(grade__isnull=True) | Q(grade__gte=1, grade__lte=11),
                name="person_grade_1_11",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    @property
    def short_name(self) -> str:
        """«Иванова А.П.», the form used in orders and lists."""
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.patronymic) if p)
        return f"{self.last_name} {initials}".strip()

    def name_in(self, case: str) -> str:
        """The full name in a case, the stored form first: `person.name_in("dative")`."""
        return decline_person(self, case)

    def short_name_in(self, case: str) -> str:
        return decline_person(self, case, short=True)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def restriction(self) -> Restriction | None:
        """Set once the processing consent is withdrawn; lists prefetch `consents` for it."""
        return restriction_of(self.consents.all())

    @property
    def class_name(self) -> str:
        return f"{self.grade}{self.class_letter}" if self.grade else ""

    @property
    def duty_labels(self) -> list[str]:
        """The person's duties, the class teacher's with the class: «Классный руководитель 7Б»."""
        labels = []
        for duty in Duty:
            if duty in self.duties:
                label = str(duty.label)
                if duty == Duty.CLASS_TEACHER and self.homeroom:
                    label = f"{label} {self.homeroom}"
                labels.append(label)
        return labels

    def experience_years(self, on: date | None = None) -> int | None:
        if self.teaching_since is None:
            return None
        return max(0, (on or timezone.localdate()).year - self.teaching_since)

    def age(self, on: date | None = None) -> int | None:
        if self.birth_date is None:
            return None
        on = on or timezone.localdate()
        before_birthday = (on.month, on.day) < (self.birth_date.month, self.birth_date.day)
        return on.year - self.birth_date.year - before_birthday


class Invitation(models.Model):
    """A one-time link that lets a member of staff set a password and join."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("роль"), max_length=20, choices=Role.choices)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("действует до"))
    sent_at = models.DateTimeField(_("отправлено"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("принято"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("отозвано"), null=True, blank=True)

    class Meta:
        verbose_name = _("приглашение")
        verbose_name_plural = _("приглашения")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now


class StaffImport(models.Model):
    """An uploaded staff or bank file: parsed and previewed first (a large file in the
    background), applied in the background once confirmed."""

    class Status(models.TextChoices):
        PARSING = "parsing", _("Читается")
        PREVIEW = "preview", _("Предпросмотр")
        QUEUED = "queued", _("В очереди")
        APPLYING = "applying", _("Загружается")
        APPLIED = "applied", _("Загружено")
        FAILED = "failed", _("Ошибка")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="staff_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Who confirmed it: the audit log names them for the changes the worker makes.
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(_("файл"), max_length=255)
    file_sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEW)
    target = models.CharField(
        max_length=10,
        choices=[
            ("staff", _("Сотрудники")),
            ("mentees", _("Банк наставляемых")),
            ("mentors", _("Банк наставников")),
        ],
        default="staff",
    )
    # The year whose bank a bank import writes to.
    academic_year = models.ForeignKey(
        "AcademicYear", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Parsed rows: [{"row": 2, "action": "create"|"update"|"unchanged"|"error",
    #                "person_id": …, "name": …, "data": {…},
    #                "changes": [{"field": …, "old": …, "new": …}],
    #                "errors": [{"column": …, "message": …}]}]
    rows = models.JSONField(default=list)
    # The uploaded file, kept until it is applied so the preview can be planned again with
    # another choice of columns.
    content = models.BinaryField(null=True, blank=True, editable=False)
    # Every column of the file: [{"index": 0, "header": …, "key": … or None, "filled": 12}].
    columns = models.JSONField(default=list, blank=True)
    layout = models.CharField(max_length=32, blank=True)  # core.spreadsheets.layout_signature
    # When the background reading started: a worker killed past its time limit leaves the
    # status at PARSING, and the page tells it by this.
    parsing_started_at = models.DateTimeField(null=True, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    # Rows that clash with someone added to the directory after the preview.
    skipped_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("импорт сотрудников")
        verbose_name_plural = _("импорты сотрудников")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


class ImportLayout(models.Model):
    """A school's choice of fields for the columns of a file layout, used again the next time
    the school uploads a file with the same headers."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="import_layouts"
    )
    target = models.CharField(max_length=10)  # StaffImport.target, or «roadmap»
    layout = models.CharField(max_length=32)  # core.spreadsheets.layout_signature
    # Normalised header → field key, or None for «не загружать» (core.spreadsheets.Mapping).
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("разметка файла импорта")
        verbose_name_plural = _("разметки файлов импорта")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "target", "layout"], name="import_layout_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} {self.layout}"
