from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

# Processing must stop and the data be destroyed within 30 days of a withdrawal (152-ФЗ, art. 21).
DESTRUCTION_PERIOD = timedelta(days=30)
# The code of the passport office, as printed in a Russian passport: «590-012».
DIVISION_CODE = RegexValidator(
    r"^\d{3}-\d{3}$", _("Код подразделения — шесть цифр через дефис, например 590-012.")
)


class Consent(models.Model):
    """One signed consent of one person for one purpose, kept after withdrawal as proof."""

    class Kind(models.TextChoices):
        PROCESSING = "processing", _("Согласие на обработку персональных данных")
        DISSEMINATION = "dissemination", _("Согласие на распространение персональных данных")
        MENTORING_DUTIES = "mentoring_duties", _("Согласие на участие в наставничестве")

    class Category(models.TextChoices):
        """What a dissemination consent lets the school publish, chosen one by one."""

        NAME = "name", _("Фамилия, имя, отчество")
        PHOTO = "photo", _("Фотография")
        POSITION = "position", _("Должность, класс")
        RESULTS = "results", _("Результаты участия в наставничестве")

    person = models.ForeignKey(
        "Person", verbose_name=_("участник"), on_delete=models.PROTECT, related_name="consents"
    )
    kind = models.CharField(_("вид согласия"), max_length=20, choices=Kind.choices)
    given_on = models.DateField(_("дата согласия"))
    expires_on = models.DateField(_("действует до"), null=True, blank=True)
    withdrawn_on = models.DateField(_("дата отзыва"), null=True, blank=True)
    text_version = models.CharField(_("редакция текста"), max_length=20)
    text_sha256 = models.CharField(_("хеш текста"), max_length=64)
    # Identity details the written form carries (152-ФЗ art. 9 part 4).
    subject_address = models.CharField(_("адрес субъекта"), max_length=300, blank=True)
    subject_document = models.CharField(
        _("документ, удостоверяющий личность"), max_length=300, blank=True
    )
    subject_document_issued_on = models.DateField(_("дата выдачи документа"), null=True, blank=True)
    subject_document_issued_by = models.CharField(
        _("кем выдан документ"), max_length=300, blank=True
    )
    subject_document_division_code = models.CharField(
        _("код подразделения"), max_length=7, blank=True, validators=[DIVISION_CODE]
    )
    representative_name = models.CharField(
        _("ФИО законного представителя"), max_length=300, blank=True
    )
    representative_relation = models.CharField(_("кем приходится"), max_length=100, blank=True)
    representative_address = models.CharField(_("адрес представителя"), max_length=300, blank=True)
    representative_document = models.CharField(
        _("документ представителя"), max_length=300, blank=True
    )
    representative_document_issued_on = models.DateField(
        _("дата выдачи документа представителя"), null=True, blank=True
    )
    representative_document_issued_by = models.CharField(
        _("кем выдан документ представителя"), max_length=300, blank=True
    )
    representative_document_division_code = models.CharField(
        _("код подразделения представителя"),
        max_length=7,
        blank=True,
        validators=[DIVISION_CODE],
    )
    representative_authority = models.CharField(
        _("документ, подтверждающий полномочия"), max_length=300, blank=True
    )
    published_categories = models.JSONField(_("разрешено распространять"), default=list, blank=True)
    scan = models.FileField(_("скан подписанного согласия"), upload_to="consents/%Y/", blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("проверил"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("проверено"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("согласие")
        verbose_name_plural = _("согласия")
        ordering = ["-given_on", "-pk"]
        indexes = [
            models.Index(fields=["person", "kind"]),
            # Withdrawals are few; every page that leaves out restricted people looks them up.
            models.Index(
                fields=["person"],
                condition=Q(withdrawn_on__isnull=False),
                name="consent_withdrawn_person",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("given_on")),
                name="consent_expires_after_given",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.person}"

    def is_valid_on(self, day: date) -> bool:
        return (
            self.given_on <= day
            and (self.expires_on is None or self.expires_on > day)
            and (self.withdrawn_on is None or self.withdrawn_on > day)
        )

    @property
    def by_representative(self) -> bool:
        return bool(self.representative_name)


class DataDestruction(models.Model):
    """The duty to destroy a person's data after a withdrawal, and the act that closes it."""

    consent = models.OneToOneField(
        Consent, verbose_name=_("согласие"), on_delete=models.PROTECT, related_name="destruction"
    )
    organisation = models.ForeignKey(
        "Organisation",
        verbose_name=_("организация"),
        on_delete=models.CASCADE,
        related_name="data_destructions",
    )
    person_name = models.CharField(_("субъект данных"), max_length=300)
    due_on = models.DateField(_("уничтожить до"))
    categories = models.JSONField(_("категории данных"), default=list)
    destroyed_at = models.DateTimeField(_("уничтожено"), null=True, blank=True)
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("уничтожил"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("уничтожение персональных данных")
        verbose_name_plural = _("уничтожение персональных данных")
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.person_name


# The restriction rule: a person who withdrew a processing consent is restricted. Lists and
# exports show them by name and these dates only; matching, pickers and new documents leave
# them out, until their data is destroyed. `restriction_of` and `restricted` are the two forms
# of this one rule, in Python over a person's consents and in SQL.


@dataclass(frozen=True)
class Restriction:
    withdrawn_on: date

    @property
    def destroy_by(self) -> date:
        return self.withdrawn_on + DESTRUCTION_PERIOD


def restriction_of(consents: Iterable[Consent]) -> Restriction | None:
    """The restriction of the person these consents (all of them, prefetched) belong to."""
    withdrawn = [
        c.withdrawn_on
        for c in consents
        if c.kind == Consent.Kind.PROCESSING and c.withdrawn_on is not None
    ]
    return Restriction(max(withdrawn)) if withdrawn else None


def restricted(person: str = "pk") -> Exists:
    """True for rows whose person (the outer row's field at `person`) is restricted."""
    return Exists(
        Consent.objects.filter(
            person=OuterRef(person), kind=Consent.Kind.PROCESSING, withdrawn_on__isnull=False
        )
    )
