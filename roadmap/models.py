"""The roadmap (дорожная карта) of a school's year: stages, activities, deadlines as schools
write them, responsible people, and the reminders sent about them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Roadmap(models.Model):
    organisation = models.ForeignKey(
        "mentoring.Organisation",
        verbose_name=_("организация"),
        on_delete=models.CASCADE,
        related_name="roadmaps",
    )
    academic_year = models.ForeignKey(
        "mentoring.AcademicYear",
        verbose_name=_("учебный год"),
        on_delete=models.PROTECT,
        related_name="roadmaps",
    )
    title = models.CharField(_("название"), max_length=500)
    template = models.CharField(_("создана по шаблону"), max_length=50, blank=True)
    # Set when an order approves the roadmap: its structure no longer changes.
    locked_at = models.DateTimeField(_("утверждена приказом"), null=True, blank=True)
    locked_by_text = models.CharField(_("утверждена"), max_length=300, blank=True)
    # The page of the approving order, for those who may open it.
    locked_by_url = models.CharField(_("ссылка на приказ"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("дорожная карта")
        verbose_name_plural = _("дорожные карты")
        ordering = ["-academic_year__start_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "academic_year"], name="roadmap_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class Stage(models.Model):
    roadmap = models.ForeignKey(
        Roadmap, verbose_name=_("дорожная карта"), on_delete=models.CASCADE, related_name="stages"
    )
    number = models.PositiveSmallIntegerField(_("№ этапа"))
    title = models.CharField(_("этап"), max_length=500)

    class Meta:
        verbose_name = _("этап")
        verbose_name_plural = _("этапы")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="stage_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Activity(models.Model):
    """An activity of a stage. Its deadline is kept as written and as parsed: the parsed
    fields give the due date that reminders and sorting use."""

    class DeadlineKind(models.TextChoices):
        DATE = "date", _("дата")
        MONTH = "month", _("месяц")
        MONTH_RANGE = "month_range", _("несколько месяцев")
        DAY_RANGE = "day_range", _("период дат")
        RECURRING = "recurring", _("ежегодно или несколько раз в год")
        WHOLE_PERIOD = "whole_period", _("весь период")
        AS_NEEDED = "as_needed", _("по мере необходимости")
        PROGRAMME_END = "programme_end", _("по завершении программ")
        SCHEDULE = "schedule", _("по отдельному графику")
        UNPARSED = "unparsed", _("не распознан")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Запланировано")
        IN_PROGRESS = "in_progress", _("Выполняется")
        DONE = "done", _("Выполнено")

    stage = models.ForeignKey(
        Stage, verbose_name=_("этап"), on_delete=models.CASCADE, related_name="activities"
    )
    number = models.PositiveSmallIntegerField(_("№"))
    # The document's own number («1.2», «6.1.1», «23»), shown instead of stage.number when the
    # document numbers with gaps or by its own scheme; blank for activities added by hand.
    label = models.CharField(_("№ по документу"), max_length=20, blank=True)
    # A heading the document sets over this and the following activities («Контроль
    # реализации мероприятий…»): shown above the first activity that carries it.
    subheading = models.CharField(_("подраздел"), max_length=500, blank=True)
    title = models.CharField(_("мероприятие"), max_length=1000)
    content = models.TextField(_("содержание деятельности"), blank=True)
    deadline_text = models.CharField(_("срок"), max_length=300, blank=True)
    deadline_kind = models.CharField(
        _("вид срока"), max_length=20, choices=DeadlineKind.choices, default=DeadlineKind.UNPARSED
    )
    start_on = models.DateField(_("начало"), null=True, blank=True)
    due_on = models.DateField(_("срок исполнения"), null=True, blank=True)
    # Recurring deadlines: the (month, day) of each occurrence in a year.
    recurrence = models.JSONField(_("повторяется"), default=list, blank=True)
    responsible_text = models.CharField(
        _("ответственные (как в документе)"), max_length=500, blank=True
    )
    responsible_roles = models.JSONField(_("ответственные роли"), default=list, blank=True)
    responsible_people = models.ManyToManyField(
        "mentoring.Person", verbose_name=_("ответственные"), blank=True, related_name="activities"
    )
    result = models.CharField(_("результат / документ"), max_length=500, blank=True)
    status = models.CharField(
        _("статус"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    completed_on = models.DateField(_("дата выполнения"), null=True, blank=True)
    comment = models.TextField(_("комментарий"), blank=True)
    evidence_file = models.FileField(_("подтверждающий файл"), upload_to="roadmap/", blank=True)
    # An order, a survey campaign or a pair that shows the activity done.
    evidence_type = models.ForeignKey(
        ContentType,
        verbose_name=_("вид подтверждающей записи"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    evidence_id = models.PositiveBigIntegerField(
        _("номер подтверждающей записи"), null=True, blank=True
    )
    evidence = GenericForeignKey("evidence_type", "evidence_id")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("мероприятие")
        verbose_name_plural = _("мероприятия")
        ordering = ["stage__number", "number"]

    def __str__(self) -> str:
        return self.title[:80]


class ReminderSettings(models.Model):
    organisation = models.OneToOneField(
        "mentoring.Organisation", on_delete=models.CASCADE, related_name="reminder_settings"
    )
    days_before = models.JSONField(
        _("за сколько дней напоминать"),
        default=list,
        help_text=_("Например, 7 и 1."),
    )
    hour = models.PositiveSmallIntegerField(
        _("час рассылки"), default=8, validators=[MinValueValidator(0), MaxValueValidator(23)]
    )

    class Meta:
        verbose_name = _("настройки напоминаний")
        verbose_name_plural = _("настройки напоминаний")

    def __str__(self) -> str:
        return str(self.organisation)


class Reminder(models.Model):
    """A reminder written in the same transaction as its sending is queued: the unique
    constraint is what makes each reminder go out at most once."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("до срока")
        DUE = "due", _("в день срока")
        OVERDUE = "overdue", _("просрочено")
        DIGEST = "digest", _("еженедельная сводка")

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    organisation = models.ForeignKey(
        "mentoring.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    on_date = models.DateField()
    days_before = models.PositiveSmallIntegerField(default=0)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "user", "kind", "on_date"],
                condition=Q(activity__isnull=False),
                name="reminder_once",
            ),
            models.UniqueConstraint(
                fields=["organisation", "user", "kind", "on_date"],
                condition=Q(activity__isnull=True),
                name="digest_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on_date}"
