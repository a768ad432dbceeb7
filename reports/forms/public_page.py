"""The public page's settings and its news."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField

from ..models import NewsItem, PublicPage


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class PublicPageForm(forms.ModelForm):
    class Meta:
        model = PublicPage
        fields = ["slug", "description", "is_published"]
        help_texts = {
            "slug": _(
                "Латинские буквы, цифры и дефис. Поставьте ссылку на сайт школы: если адрес "
                "изменить, прежние ссылки перестанут работать."
            ),
            "description": _("Абзацы разделяйте пустой строкой."),
            "is_published": _("Пока флажок снят, страница не видна никому."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Uniqueness is the service's check, with its own wording.
        self.fields["slug"].error_messages["invalid"] = _(
            "Только латинские буквы, цифры, дефис и подчёркивание."
        )
        self.helper = _helper()

    def clean_slug(self) -> str:
        return self.cleaned_data["slug"].strip().lower()

    def validate_unique(self):
        """The service checks the address against other schools'."""


class NewsItemForm(forms.ModelForm):
    published_on = DateField(label=_("Дата публикации"))

    class Meta:
        model = NewsItem
        fields = ["title", "published_on", "body", "is_published"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "published_on": _("Новость с будущей датой появится на странице в этот день."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
