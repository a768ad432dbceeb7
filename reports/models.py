"""Orders (приказы) and thank-you letters of a school, and how the school prints them."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from surveys.models import Response


class Audience(models.TextChoices):
    """Whose mentoring an order concerns: the legal basis differs (seed 002 for teachers,
    Р-145 for students)."""

    TEACHERS = "teachers", _("Педагоги")
    STUDENTS = "students", _("Обучающиеся")
    BOTH = "both", _("Педагоги и обучающиеся")


class DocumentSettings(models.Model):
    """Numbering and print settings of a school's documents. The defaults follow
    ГОСТ Р 7.0.97-2025; a school's records instruction may adjust them."""

    class OrderWord(models.TextChoices):
        PLAIN = "plain", "ПРИКАЗЫВАЮ:"
        SPACED = "spaced", "П Р И К А З Ы В А Ю:"

    organisation = models.OneToOneField(
        "mentoring.Organisation", on_delete=models.CASCADE, related_name="document_settings"
    )
    order_prefix = models.CharField(
        _("префикс номера приказа"),
        max_length=20,
        blank=True,
        help_text=_("Например, «01-05/»: номер будет «01-05/12»."),
    )
    letter_prefix = models.CharField(_("префикс номера письма"), max_length=20, blank=True)
    place = models.CharField(
        _("место издания"),
        max_length=100,
        blank=True,
        help_text=_("Например, «г. Березники». Пусто — населённый пункт организации."),
    )
    margin_left_mm = models.PositiveSmallIntegerField(
        _("левое поле, мм"), default=20, validators=[MinValueValidator(20), MaxValueValidator(35)]
    )
    margin_right_mm = models.PositiveSmallIntegerField(
        _("правое поле, мм"), default=10, validators=[MinValueValidator(10), MaxValueValidator(20)]
    )
    margin_top_mm = models.PositiveSmallIntegerField(
        _("верхнее поле, мм"), default=20, validators=[MinValueValidator(20), MaxValueValidator(30)]
    )
    margin_bottom_mm = models.PositiveSmallIntegerField(
        _("нижнее поле, мм"), default=20, validators=[MinValueValidator(20), MaxValueValidator(30)]
    )
    font_size_pt = models.PositiveSmallIntegerField(
        _("размер шрифта, пт"),
        default=14,
        validators=[MinValueValidator(12), MaxValueValidator(14)],
    )
    order_word = models.CharField(
        _("распорядительная часть"),
        max_length=10,
        choices=OrderWord.choices,
        default=OrderWord.PLAIN,
    )
    audience = models.CharField(
        _("чьё наставничество по умолчанию"),
        max_length=10,
        choices=Audience.choices,
        default=Audience.BOTH,
        help_text=_("От этого зависит основание приказа; в каждом приказе его можно сменить."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("настройки документов")
        verbose_name_plural = _("настройки документов")

    def __str__(self) -> str:
        return str(self.organisation)

    @classmethod
    def of(cls, organisation) -> "DocumentSettings":
        """The school's settings, or the defaults (unsaved) while it has none."""
        return cls.objects.filter(organisation=organisation).first() or cls(
            organisation=organisation
        )

    @property
    def place_of_issue(self) -> str:
        if self.place:
            return self.place
        city = self.organisation.city
        return f"г. {city}" if city else ""


# A render takes seconds and its task is stopped after three minutes (reports/tasks.py): a PDF
# queued or rendering for this long was lost with its worker or broker, and is given up.
PDF_DEADLINE = timedelta(minutes=5)


class RenderedPdf:
    """What a model with a PDF rendered in the background (`pdf`, `pdf_status`, `pdf_version`,
    `pdf_error`, `version`, `updated_at`) tells about it; reports/services/rendering.py makes it."""

    @property
    def pdf_is_overdue(self) -> bool:
        """Queued or rendering for longer than PDF_DEADLINE since it was queued or started."""
        return (
            self.pdf_status in self.PDF_IN_PROGRESS
            and self.updated_at is not None
            and timezone.now() - self.updated_at > PDF_DEADLINE
        )

    @property
    def pdf_is_current(self) -> bool:
        return (
            self.pdf_status == self.PdfStatus.READY
            and self.pdf_version == self.version
            and bool(self.pdf)
        )


class Order(RenderedPdf, models.Model):
    """An order of the director, or a thank-you letter, from draft to approval.

    An approved document is never changed: a new order amends or cancels it.
    """

    class Kind(models.TextChoices):
        SYSTEM = "system", _("О внедрении целевой модели наставничества")
        CURATOR = "curator", _("О назначении куратора")
        ROADMAP = "roadmap", _("Об утверждении дорожной карты")
        PAIRS = "pairs", _("Об утверждении наставнических пар и групп")
        REWARD = "reward", _("О поощрении участников")
        FINAL_EVENT = "final_event", _("О проведении итогового мероприятия")
        WORKING_GROUP = "working_group", _("О создании рабочей группы")
        MOTIVATION = "motivation", _("О мотивации и поощрении наставников")
        AMEND = "amend", _("О внесении изменений в приказ")
        CANCEL = "cancel", _("Об отмене приказа")
        FREE = "free", _("Другой приказ")
        LETTER = "letter", _("Благодарственное письмо")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Черновик")
        SUBMITTED = "submitted", _("На утверждении")
        RETURNED = "returned", _("Возвращён на доработку")
        APPROVED = "approved", _("Утверждён")

    class Series(models.TextChoices):
        """Orders and letters are numbered separately."""

        ORDER = "order", _("приказы")
        LETTER = "letter", _("письма")

    class PdfStatus(models.TextChoices):
        NONE = "none", _("Не формировался")
        QUEUED = "queued", _("В очереди")
        RENDERING = "rendering", _("Формируется")
        READY = "ready", _("Готов")
        FAILED = "failed", _("Ошибка")

    PDF_IN_PROGRESS = (PdfStatus.QUEUED, PdfStatus.RENDERING)

    organisation = models.ForeignKey(
        "mentoring.Organisation", on_delete=models.PROTECT, related_name="orders"
    )
    academic_year = models.ForeignKey(
        "mentoring.AcademicYear",
        verbose_name=_("учебный год"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices)
    audience = models.CharField(
        _("чьё наставничество"), max_length=10, choices=Audience.choices, default=Audience.BOTH
    )
    series = models.CharField(max_length=10, choices=Series.choices, default=Series.ORDER)
    status = models.CharField(
        _("статус"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("заголовок"), max_length=500)
    preamble = models.TextField(_("преамбула"), blank=True)
    addressee = models.CharField(
        _("кому"), max_length=500, blank=True, help_text=_("Для письма: кому оно адресовано.")
    )
    signer_position = models.CharField(_("должность подписывающего"), max_length=200)
    signer_name = models.CharField(_("подписывающий"), max_length=200)
    # The registration requisites, given on approval.
    number_year = models.PositiveSmallIntegerField(null=True, blank=True)
    number = models.PositiveIntegerField(_("порядковый номер"), null=True, blank=True)
    registration_number = models.CharField(_("регистрационный номер"), max_length=40, blank=True)
    signed_on = models.DateField(_("дата"), null=True, blank=True)
    amends = models.ForeignKey(
        "self",
        verbose_name=_("изменяет приказ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
    )
    cancels = models.ForeignKey(
        "self",
        verbose_name=_("отменяет приказ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cancellations",
    )
    pairs = models.ManyToManyField(
        "mentoring.MentoringPair", verbose_name=_("пары и группы"), blank=True, related_name="+"
    )
    people = models.ManyToManyField(
        "mentoring.Person",
        verbose_name=_("названы в приказе"),
        blank=True,
        related_name="orders",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    return_comment = models.TextField(_("замечания директора"), blank=True)
    # Every change bumps the version; a PDF shows the version it was rendered from.
    version = models.PositiveIntegerField(default=1)
    pdf = models.FileField(upload_to="orders/", blank=True)
    pdf_status = models.CharField(
        _("PDF"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.NONE
    )
    pdf_version = models.PositiveIntegerField(null=True, blank=True)
    pdf_error = models.TextField(blank=True)
    # The curator shows an approved order on the school's public page.
    is_public = models.BooleanField(_("на публичной странице"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("приказ")
        verbose_name_plural = _("приказы")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "series", "number_year", "number"],
                name="order_number_once",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(number__isnull=False, signed_on__isnull=False),
                name="order_approved_is_registered",
            ),
        ]

    def __str__(self) -> str:
        if self.registration_number:
            return f"№ {self.registration_number} {self.title}"
        return self.title

    @property
    def is_letter(self) -> bool:
        return self.series == self.Series.LETTER

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class OrderItem(models.Model):
    """A numbered item of the operative part («ПРИКАЗЫВАЮ: 1. …»)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("№"))
    text = models.TextField(_("текст пункта"))

    class Meta:
        verbose_name = _("пункт приказа")
        verbose_name_plural = _("пункты приказа")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:60]}"


class OrderAppendix(models.Model):
    """An appendix: a table drawn from the data when the draft is made, or a text."""

    class Kind(models.TextChoices):
        PAIRS = "pairs", _("Список наставнических пар и групп")
        PEOPLE = "people", _("Список участников")
        ROADMAP = "roadmap", _("Дорожная карта")
        TEXT = "text", _("Текст")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="appendices")
    position = models.PositiveSmallIntegerField(_("№"))
    kind = models.CharField(_("вид"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("заголовок"), max_length=500)
    text = models.TextField(_("текст"), blank=True)
    # Table rows as the draft was made, so an approved order never changes with the data.
    rows = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("приложение к приказу")
        verbose_name_plural = _("приложения к приказу")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


class LegalAct(models.Model):
    """An act an order rests on, written as it follows «В соответствии с»: federal (no
    organisation), of a municipality (its regional and municipal acts) or a school's own list."""

    organisation = models.ForeignKey(
        "mentoring.Organisation",
        verbose_name=_("организация"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="legal_acts",
    )
    audience = models.CharField(_("чьё наставничество"), max_length=10, choices=Audience.choices)
    position = models.PositiveSmallIntegerField(_("№"))
    text = models.TextField(_("текст"))

    class Meta:
        verbose_name = _("нормативный акт")
        verbose_name_plural = _("нормативные акты")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


# Monitoring (seed 004 §5.4–5.7, «Планируемые результаты»; seed 003 §6).


class Indicator(models.TextChoices):
    """The indicators a school sets a yearly target for, in percent."""

    MENTEES_10_18 = (
        "mentees_10_18",
        _("Доля обучающихся 10–18 лет, вошедших в программы в роли наставляемого"),
    )
    MENTORS_15_18 = (
        "mentors_15_18",
        _("Доля обучающихся 15–18 лет, вошедших в программы в роли наставника"),
    )
    YOUNG_TEACHERS = (
        "young_teachers",
        _("Доля молодых специалистов (стаж 0–3 года), вошедших в программы в роли наставляемого"),
    )
    MENTEE_SATISFACTION = "mentee_satisfaction", _("Удовлетворённость наставляемых участием")
    MENTOR_SATISFACTION = "mentor_satisfaction", _("Удовлетворённость наставников участием")
    MEETINGS_HELD = "meetings_held", _("Доля проведённых встреч от запланированных")
    ROADMAP_ON_TIME = "roadmap_on_time", _("Доля мероприятий дорожной карты, выполненных в срок")
    EFFECTIVE_PAIRS = (
        "effective_pairs",
        _("Доля пар и групп с оптимальным или допустимым уровнем эффективности"),
    )


class IndicatorTarget(models.Model):
    """The target of one indicator for one academic year of a school, in percent."""

    academic_year = models.ForeignKey(
        "mentoring.AcademicYear", on_delete=models.CASCADE, related_name="indicator_targets"
    )
    indicator = models.CharField(_("показатель"), max_length=30, choices=Indicator.choices)
    target = models.DecimalField(
        _("целевое значение, %"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("целевое значение показателя")
        verbose_name_plural = _("целевые значения показателей")
        constraints = [
            models.UniqueConstraint(fields=["academic_year", "indicator"], name="target_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()}: {self.target}"


class Contingent(models.Model):
    """Denominators the school does not keep in the app: its students, counted on a date.

    Counts typed by hand are taken as they are; a class list keeps its birth dates
    (ISO date → number of students), so ages are computed on each report's date.
    """

    class Source(models.TextChoices):
        MANUAL = "manual", _("Введено вручную")
        CLASS_LIST = "class_list", _("Загружено из списка классов")

    organisation = models.ForeignKey(
        "mentoring.Organisation", on_delete=models.CASCADE, related_name="contingents"
    )
    counted_on = models.DateField(_("дата подсчёта"))
    source = models.CharField(
        _("источник"), max_length=20, choices=Source.choices, default=Source.MANUAL
    )
    students_total = models.PositiveIntegerField(_("всего обучающихся"), null=True, blank=True)
    students_10_18 = models.PositiveIntegerField(_("обучающихся 10–18 лет"), null=True, blank=True)
    students_15_18 = models.PositiveIntegerField(_("обучающихся 15–18 лет"), null=True, blank=True)
    birth_dates = models.JSONField(default=dict, blank=True)
    file_name = models.CharField(_("файл"), max_length=255, blank=True)
    # Rows of the class list that were not taken, with the reason: [{"row": 7, "reason": "…"}].
    rejected_rows = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("контингент обучающихся")
        verbose_name_plural = _("контингент обучающихся")
        ordering = ["-counted_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "counted_on"], name="contingent_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.counted_on:%d.%m.%Y}"


class MonitoringReport(RenderedPdf, models.Model):
    """A monitoring report of a school (or of a municipality, by its coordinator) for a period.

    While a draft it shows the data as they are; issuing freezes them in `snapshot`, and an
    issued report never changes.
    """

    class Kind(models.TextChoices):
        DECEMBER = "december", _("Промежуточный мониторинг (декабрь)")
        JUNE = "june", _("Итоговый аналитический отчёт (июнь)")
        PERIOD = "period", _("Отчёт за период")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Черновик")
        ISSUED = "issued", _("Выпущен")

    PdfStatus = Order.PdfStatus
    PDF_IN_PROGRESS = Order.PDF_IN_PROGRESS

    organisation = models.ForeignKey(
        "mentoring.Organisation", on_delete=models.PROTECT, related_name="monitoring_reports"
    )
    academic_year = models.ForeignKey(
        "mentoring.AcademicYear",
        verbose_name=_("учебный год"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("вид отчёта"), max_length=20, choices=Kind.choices)
    period_start = models.DateField(_("начало периода"))
    period_end = models.DateField(_("конец периода (дата отчёта)"))
    status = models.CharField(
        _("статус"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    conclusions = models.TextField(_("выводы"), blank=True)
    proposals = models.TextField(_("предложения"), blank=True)
    # The June report's analysis sections, section key → text (services/monitoring.py).
    analysis = models.JSONField(_("аналитическая часть"), default=dict, blank=True)
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(_("выпущен"), null=True, blank=True)
    # Every change bumps the version; a PDF shows the version it was rendered from.
    version = models.PositiveIntegerField(default=1)
    pdf = models.FileField(upload_to="monitoring/", blank=True)
    pdf_status = models.CharField(
        _("PDF"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.NONE
    )
    pdf_version = models.PositiveIntegerField(null=True, blank=True)
    pdf_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("отчёт о мониторинге")
        verbose_name_plural = _("отчёты о мониторинге")
        ordering = ["-period_end", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")),
                name="monitoring_period_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(status="issued") | Q(snapshot__isnull=False),
                name="monitoring_issued_has_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def is_municipal(self) -> bool:
        return self.organisation.kind == self.organisation.Kind.MUNICIPALITY


class PracticeCase(models.Model):
    """A completed pair or group described for the school's methodical collection
    (методическая копилка), and, once published, for its public page."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Черновик")
        PUBLISHED = "published", _("Опубликован")

    organisation = models.ForeignKey(
        "mentoring.Organisation", on_delete=models.CASCADE, related_name="practice_cases"
    )
    pair = models.ForeignKey(
        "mentoring.MentoringPair",
        verbose_name=_("пара или группа"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("название практики"), max_length=300)
    description = models.TextField(_("описание"))
    form_name = models.CharField(_("форма наставничества"), max_length=200, blank=True)
    role_model = models.CharField(_("ролевая модель"), max_length=200, blank=True)
    results = models.TextField(_("результаты"), blank=True)
    # The pair's effectiveness evaluation when the case was written (seed 003 §6).
    score = models.PositiveSmallIntegerField(_("баллы оценки"), null=True, blank=True)
    level = models.CharField(_("уровень эффективности"), max_length=20, blank=True)
    status = models.CharField(
        _("статус"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("опубликован"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("практика наставничества")
        verbose_name_plural = _("методическая копилка")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_level_display(self) -> str:
        """The evaluation's level by its label (surveys' Response.Level)."""
        return Response.Level(self.level).label if self.level else ""


class PracticeMaterial(models.Model):
    """A file attached to a case: a lesson plan, a presentation, a photo."""

    case = models.ForeignKey(PracticeCase, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("название"), max_length=300)
    file = models.FileField(_("файл"), upload_to="practices/%Y/")
    size = models.PositiveIntegerField(_("размер, байт"), default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("материал практики")
        verbose_name_plural = _("материалы практики")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class PublicPage(models.Model):
    """The school's mentoring page, open without signing in at /s/<slug>/."""

    organisation = models.OneToOneField(
        "mentoring.Organisation", on_delete=models.CASCADE, related_name="public_page"
    )
    slug = models.SlugField(
        _("адрес страницы"),
        max_length=60,
        unique=True,
        help_text=_("Латинские буквы, цифры и дефис: страница будет доступна по адресу /s/адрес/."),
    )
    description = models.TextField(_("о программе наставничества"), blank=True)
    is_published = models.BooleanField(_("страница открыта"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("публичная страница")
        verbose_name_plural = _("публичные страницы")

    def __str__(self) -> str:
        return self.slug


class NewsItem(models.Model):
    """A piece of news of the school's mentoring programme on its public page."""

    organisation = models.ForeignKey(
        "mentoring.Organisation", on_delete=models.CASCADE, related_name="mentoring_news"
    )
    title = models.CharField(_("заголовок"), max_length=300)
    body = models.TextField(_("текст"))
    published_on = models.DateField(_("дата публикации"))
    is_published = models.BooleanField(_("опубликована"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("новость")
        verbose_name_plural = _("новости")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title
