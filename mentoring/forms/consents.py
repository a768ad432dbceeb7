from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import DateField

from ..models import Consent, Person
from ..services.consents import is_minor, scan_kind

REPRESENTATIVE_FIELDS = (
    "representative_name",
    "representative_relation",
    "representative_address",
    "representative_document",
    "representative_authority",
)
# When and by whom the identity document was issued: asked, not required (an old blank may
# carry only its number).
SUBJECT_DOCUMENT_DETAILS = (
    "subject_document_issued_on",
    "subject_document_issued_by",
    "subject_document_division_code",
)
REPRESENTATIVE_DOCUMENT_DETAILS = (
    "representative_document_issued_on",
    "representative_document_issued_by",
    "representative_document_division_code",
)
SCAN_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def needs_representative(person: Person) -> bool:
    """Whether the form should lead with the legal representative: a minor today, or a
    student whose birth date is not known."""
    today = timezone.localdate()
    return is_minor(person, today) or (
        person.kind == Person.Kind.STUDENT and person.birth_date is None
    )


def _document_details(prefix: str) -> Row:
    return Row(
        Column(f"{prefix}_document_issued_by", css_class="col-md-12"),
        Column(f"{prefix}_document_issued_on", css_class="col-md-6"),
        Column(f"{prefix}_document_division_code", css_class="col-md-6"),
    )


class ConsentForm(forms.ModelForm):
    """The details of a signed paper consent; `consent_record` stores them."""

    published_categories = forms.MultipleChoiceField(
        label=gettext_lazy("Что разрешено публиковать на сайте школы"),
        choices=Consent.Category.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Отметьте, какие данные можно публиковать.")},
        help_text=gettext_lazy("Отметьте то, напротив чего в бланке стоит «разрешаю»."),
    )

    class Meta:
        model = Consent
        fields = [
            "given_on",
            "expires_on",
            "subject_address",
            "subject_document",
            *SUBJECT_DOCUMENT_DETAILS,
            *REPRESENTATIVE_FIELDS,
            *REPRESENTATIVE_DOCUMENT_DETAILS,
            "published_categories",
            "scan",
        ]
        field_classes = {
            "given_on": DateField,
            "expires_on": DateField,
            "subject_document_issued_on": DateField,
            "representative_document_issued_on": DateField,
        }
        widgets = {
            "scan": forms.ClearableFileInput(attrs={"accept": SCAN_ACCEPT}),
        }
        help_texts = {
            "given_on": gettext_lazy("Дата подписи в бланке."),
            "expires_on": gettext_lazy(
                "Только если в бланке указан срок. Пусто — до отзыва или достижения цели."
            ),
            "subject_document": gettext_lazy("Вид, серия и номер: «паспорт 5712 345678»."),
            "representative_document": gettext_lazy("Вид, серия и номер: «паспорт 5712 345678»."),
            "subject_document_division_code": gettext_lazy("Например, 590-012."),
            "representative_document_division_code": gettext_lazy("Например, 590-012."),
            "representative_relation": gettext_lazy("Мать, отец, опекун, попечитель."),
            "representative_authority": gettext_lazy(
                "Например: свидетельство о рождении, серия и номер."
            ),
            "scan": gettext_lazy("PDF, JPEG или PNG до 10 МБ: скан или фото подписанного бланка."),
        }

    def __init__(self, *args, person: Person, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.person, self.kind = person, kind
        self.fields["given_on"].initial = timezone.localdate()
        self.fields["scan"].required = True
        if kind != Consent.Kind.DISSEMINATION:
            del self.fields["published_categories"]
        representative = Fieldset(
            _("Законный представитель"),
            Row(
                Column("representative_name", css_class="col-md-8"),
                Column("representative_relation", css_class="col-md-4"),
            ),
            "representative_address",
            Row(
                Column("representative_document", css_class="col-md-6"),
                Column("representative_authority", css_class="col-md-6"),
            ),
            _document_details("representative"),
        )
        subject = Fieldset(
            _("Субъект персональных данных"),
            Row(
                Column("subject_address", css_class="col-md-6"),
                Column("subject_document", css_class="col-md-6"),
            ),
            _document_details("subject"),
        )
        details = [subject]
        if needs_representative(person):
            details.insert(
                0,
                HTML(
                    format_html(
                        '<div class="alert alert-warning">{}</div>',
                        _(
                            "Участнику нет 18 лет (или дата рождения не указана): согласие "
                            "подписывает законный представитель. Заполните его данные."
                        ),
                    )
                ),
            )
            details.insert(1, representative)
        else:
            details.append(representative)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Согласие"),
                Row(
                    Column("given_on", css_class="col-md-6"),
                    Column("expires_on", css_class="col-md-6"),
                ),
            ),
            *details,
            *(["published_categories"] if "published_categories" in self.fields else []),
            "scan",
        )

    def clean_scan(self):
        scan = self.cleaned_data["scan"]
        try:
            scan_kind(scan)
        except ValidationError as error:
            raise ValidationError(error.message_dict["scan"]) from None
        return scan

    def clean(self):
        cleaned = super().clean()
        given_on, expires_on = cleaned.get("given_on"), cleaned.get("expires_on")
        if given_on and expires_on and expires_on <= given_on:
            self.add_error(
                "expires_on", _("Срок действия должен заканчиваться после даты согласия.")
            )
        if given_on and is_minor(self.person, given_on):
            for name in REPRESENTATIVE_FIELDS:
                if not cleaned.get(name):
                    self.add_error(
                        name, _("Обязательно: участнику не было 18 лет на дату согласия.")
                    )
        return cleaned

    def service_kwargs(self) -> dict:
        """The cleaned values under the names `consent_record` takes."""
        return {name: self.cleaned_data[name] for name in self.fields}


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = DateField(
        label=gettext_lazy("Дата отзыва"),
        help_text=gettext_lazy("Дата, когда школа получила письменный отзыв."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].initial = timezone.localdate()

    def clean_withdrawn_on(self):
        withdrawn_on = self.cleaned_data["withdrawn_on"]
        if withdrawn_on > timezone.localdate():
            raise forms.ValidationError(_("Дата отзыва не может быть в будущем."))
        return withdrawn_on
