from collections.abc import Iterable

from django import forms
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core.forms import ALL, DateField, bootstrap_styled
from core.spreadsheets import XLSX_CONTENT_TYPE
from mentoring.models import AcademicYear, Duty, MentoringPair, Organisation, Person, Role
from mentoring.models.consents import restricted

from ..imports import (
    CONTENT,
    FIELD_LABELS,
    TITLE,
    ColumnMapping,
    RoadmapSource,
    roadmap_source_read,
)
from ..models import Activity, Roadmap
from ..selectors.roadmap import OVERDUE, academic_months
from ..services.evidence import evidence_file_check
from ..services.roadmap import STRUCTURE_FIELDS
from ..templates_data import template_list

EMPTY = "empty"
# Roles a roadmap names as responsible: the school's own, not the municipality's.
# Sign-in roles, then positions and duties (Duty): class teachers, heads of subject
# associations, the social pedagogue, the person responsible for the website.
RESPONSIBLE_ROLES = [
    *((role.value, role.label) for role in Role if role != Role.COORDINATOR),
    *Duty.choices,
]


def school_staff(organisation: Organisation, *, named: Iterable[Person] = ()):
    """Who may be named responsible: not archived, and not restricted after a withdrawal;
    the `named` already stay, so editing an activity does not drop them unasked."""
    return Person.objects.filter(
        ~restricted() | Q(pk__in=[person.pk for person in named]),
        organisation=organisation,
        archived_at__isnull=True,
        kind__in=(Person.Kind.TEACHER, Person.Kind.STAFF),
    ).order_by("last_name", "first_name", "patronymic", "pk")


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person) -> str:
        return f"{person.full_name}, {person.position}" if person.position else person.full_name


class PairChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, pair) -> str:
        mentees = ", ".join(entry.person.short_name for entry in pair.mentees.all())
        return (
            f"{pair.mentor.person.short_name} — {mentees}"
            if mentees
            else pair.mentor.person.short_name
        )


class YearChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, year) -> str:
        return f"{year.title}"


def _year_field(organisation: Organisation) -> YearChoiceField:
    years = organisation.academic_years.order_by("-start_date")
    return YearChoiceField(
        label=_("Учебный год"),
        queryset=years,
        empty_label=None,
        initial=years.filter(is_current=True).first(),
    )


class RoadmapCreateForm(forms.Form):
    """A roadmap from a built-in template, or an empty one."""

    source = forms.ChoiceField(label=_("Основа"), widget=forms.RadioSelect)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academic_year"] = _year_field(organisation)
        self.fields["source"].choices = [
            *((t.key, t.title) for t in template_list()),
            (EMPTY, _("Пустая: этапы и мероприятия добавлю сам")),
        ]
        self.fields["academic_year"].widget.attrs["class"] = "form-select"


class RoadmapFilterForm(forms.Form):
    stage = forms.TypedChoiceField(label=_("Этап"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Статус"), required=False)
    person = forms.TypedChoiceField(
        label=_("Ответственный"), required=False, coerce=int, empty_value=None
    )
    month = forms.ChoiceField(label=_("Месяц"), required=False)

    def __init__(self, *args, roadmap: Roadmap, stages, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [
            ("", ALL),
            *((s.pk, f"{s.number}. {s.title[:60]}") for s in stages),
        ]
        self.fields["status"].choices = [
            ("", ALL),
            *Activity.Status.choices,
            (OVERDUE, _("Просрочено")),
        ]
        # With the person's duties, so «классный руководитель 7Б» is found by what they do.
        self.fields["person"].choices = [
            ("", _("Все")),
            *((p.pk, ", ".join([p.full_name, *p.duty_labels])) for p in people),
        ]
        self.fields["month"].choices = [
            ("", _("Все")),
            *(
                (f"{m:%Y-%m}", formats.date_format(m, "F Y"))
                for m in academic_months(roadmap.academic_year)
            ),
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def params(self) -> dict:
        """The filters to apply; invalid values are dropped."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class StageForm(forms.Form):
    title = forms.CharField(label=_("Название этапа"), max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_styled(self)


class ActivityForm(forms.Form):
    """What the approved document says of an activity; the people may change at any time."""

    title = forms.CharField(
        label=_("Мероприятие"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    content = forms.CharField(
        label=_("Содержание деятельности"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    deadline_text = forms.CharField(
        label=_("Срок"),
        max_length=300,
        required=False,
        help_text=_(
            "Как в документе: «до 15.10», «октябрь 2026», «октябрь – ноябрь», «декабрь, июнь», "
            "«в течение года», «по мере необходимости»."
        ),
    )
    responsible_text = forms.CharField(
        label=_("Ответственные (как в документе)"), max_length=500, required=False
    )
    responsible_roles = forms.MultipleChoiceField(
        label=_("Ответственные роли"),
        choices=RESPONSIBLE_ROLES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Задача появится в «Моих задачах» у всех, кто в школе в этой роли или с этой "
            "обязанностью (её отмечают в карточке сотрудника)."
        ),
    )
    responsible_people = StaffChoiceField(
        label=_("Ответственные сотрудники"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    result = forms.CharField(label=_("Результат / документ"), max_length=500, required=False)

    def __init__(self, *args, organisation: Organisation, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        named = self.initial.get("responsible_people", ())
        self.fields["responsible_people"].queryset = school_staff(organisation, named=named)
        if locked:
            for name in STRUCTURE_FIELDS:
                self.fields[name].disabled = True
        bootstrap_styled(self)

    def structure(self) -> dict:
        return {name: self.cleaned_data[name] for name in STRUCTURE_FIELDS}


class ActivityProgressForm(forms.Form):
    """Progress and what shows it: editable on an approved roadmap too."""

    status = forms.ChoiceField(label=_("Статус"), choices=Activity.Status.choices)
    completed_on = DateField(
        label=_("Дата выполнения"),
        required=False,
        help_text=_("Пусто — сегодня, если мероприятие выполнено."),
    )
    comment = forms.CharField(
        label=_("Комментарий"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_file = forms.FileField(
        label=_("Подтверждающий файл"),
        required=False,
        help_text=_("Протокол, приказ, фотоотчёт — до 10 МБ."),
    )
    remove_file = forms.BooleanField(label=_("Удалить файл"), required=False)
    evidence_pair = PairChoiceField(
        label=_("Или ссылка на пару"),
        queryset=MentoringPair.objects.none(),
        required=False,
        empty_label=_("— нет —"),
    )

    def __init__(self, *args, academic_year: AcademicYear, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence_pair"].queryset = (
            MentoringPair.objects.filter(academic_year=academic_year)
            .select_related("mentor__person")
            .prefetch_related("mentees__person")
            .order_by("mentor__person__last_name", "pk")
        )
        bootstrap_styled(self)
        self.fields["remove_file"].widget.attrs["class"] = "form-check-input"

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            evidence_file_check(upload)
        return upload


class ActivityStatusForm(forms.Form):
    """The quick mark of the people responsible."""

    status = forms.ChoiceField(label=_("Статус"), choices=Activity.Status.choices)
    comment = forms.CharField(
        label=_("Комментарий"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RoadmapImportForm(forms.Form):
    file = forms.FileField(
        label=_("Файл Excel (.xlsx)"),
        help_text=_("До 5 МБ. Сначала вы увидите, что будет загружено."),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academic_year"] = _year_field(organisation)
        bootstrap_styled(self)

    def clean_file(self) -> RoadmapSource:
        """The uploaded workbook, checked and read into a RoadmapSource."""
        return roadmap_source_read(self.cleaned_data["file"])


SKIP = ""


class RoadmapColumnsForm(forms.Form):
    """The field each column of the file is read into, or none; a field takes one column."""

    def __init__(self, *args, source: RoadmapSource, mapping: ColumnMapping, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(SKIP, _("не загружать")), *FIELD_LABELS.items()]
        repeated = source.repeated
        for column in source.columns:
            name = self.field_name(column.index)
            self.fields[name] = forms.ChoiceField(
                label=column.header,
                choices=choices[:1] if column.index in repeated else choices,
                required=False,
                initial=mapping.get(column.index) or SKIP,
                help_text=_("Такой заголовок уже есть левее: столбец не читается.")
                if column.index in repeated
                else "",
            )
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.source = source

    @staticmethod
    def field_name(index: int) -> str:
        return f"column_{index}"

    def clean(self):
        data = super().clean()
        chosen: dict[str, str] = {}
        for column in self.source.columns:
            key = data.get(self.field_name(column.index))
            if not key:
                continue
            if key in chosen:
                raise forms.ValidationError(
                    _("Поле «%(field)s» выбрано для двух столбцов: «%(first)s» и «%(second)s».")
                    % {"field": FIELD_LABELS[key], "first": chosen[key], "second": column.header}
                )
            chosen[key] = column.header
        if not {TITLE, CONTENT} & set(chosen):
            raise forms.ValidationError(
                _("Выберите столбец мероприятий: «%(title)s» или «%(content)s».")
                % {"title": FIELD_LABELS[TITLE], "content": FIELD_LABELS[CONTENT]}
            )
        return data

    def mapping(self) -> ColumnMapping:
        return {
            column.index: self.cleaned_data.get(self.field_name(column.index)) or None
            for column in self.source.columns
        }

    def rows(self):
        """Each column of the file with its select, filled-cell count and first value."""
        samples = {}
        for _number, texts in self.source.rows:
            for column, text in zip(self.source.columns, texts, strict=True):
                if text and column.index not in samples:
                    samples[column.index] = text
        return [
            (column, self[self.field_name(column.index)], samples.get(column.index, ""))
            for column in self.source.columns
        ]
