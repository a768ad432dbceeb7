from crispy_bootstrap5.bootstrap5 import Switch
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from ..models import Organisation, Person, Role, User
from ..permissions import INVITABLE_ROLES, roles_in


class EmailAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Неверный e-mail или пароль."),
        "inactive": _("Учётная запись отключена. Обратитесь к куратору наставничества."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = _("E-mail")
        username.widget.input_type = "email"
        username.widget.attrs["autocomplete"] = "email"

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Роль"))
    person = forms.ModelChoiceField(
        label=_("Участник"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— не связывать —"),
        help_text=_("Запись сотрудника в справочнике школы, если она уже есть."),
    )

    def __init__(self, *args, organisation: Organisation, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        roles = [r for r in INVITABLE_ROLES if r != Role.DIRECTOR]
        if Role.DIRECTOR in roles_in(user, organisation):
            roles.append(Role.DIRECTOR)
        self.fields["role"].choices = [(r.value, r.label) for r in roles]
        self.fields["role"].initial = Role.TEACHER
        self.fields["person"].queryset = Person.objects.filter(
            organisation=organisation,
            kind__in=[Person.Kind.TEACHER, Person.Kind.STAFF],
            archived_at__isnull=True,
            user__isnull=True,
        ).unrestricted()

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class InvitationAcceptForm(SetPasswordMixin, forms.Form):
    full_name = forms.CharField(
        label=_("ФИО"), max_length=300, help_text=_("Например: Иванова Анна Петровна.")
    )
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Пароль"), label2=_("Пароль ещё раз")
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        self.validate_passwords()
        self.validate_password_for_user(
            User(email=self.email, full_name=cleaned.get("full_name", ""))
        )
        return cleaned


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("ФИО"), max_length=300)
    email_reminders = forms.BooleanField(
        label=_("Напоминания по e-mail"),
        required=False,
        help_text=_("Письма о приближающихся сроках встреч и мероприятий."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("full_name", Switch("email_reminders"))
