"""The buttons of the matching page and the form of the school's weights."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.template.defaultfilters import floatformat
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import MatchingWeights
from ..models.pairs import WEIGHT_ERROR, WEIGHT_FIELDS, WEIGHT_MAX

# Actions that concern one suggested pair; the rest concern the mentee alone.
PAIR_ACTIONS = ("pin", "unpin", "reject", "unreject", "accept")
ACTIONS = (*PAIR_ACTIONS, "support", "unsupport")


class MatchDecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    mentee = forms.IntegerField(min_value=1)
    mentor = forms.IntegerField(min_value=1, required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") in PAIR_ACTIONS and not data.get("mentor"):
            raise forms.ValidationError(_("Не выбран наставник."))
        return data


class _SecondarySubmit(Submit):
    field_classes = "btn btn-outline-secondary"


class MatchingWeightsForm(forms.Form):
    """One number from 0 to 10 per criterion; the fields are those of MatchingWeights."""

    def __init__(self, *args, weights: MatchingWeights, **kwargs):
        # "2.5" rather than the stored "2.50".
        kwargs["initial"] = {
            name: f"{getattr(weights, name).normalize():f}" for name in WEIGHT_FIELDS
        }
        super().__init__(*args, **kwargs)
        errors = {key: WEIGHT_ERROR for key in ("required", "invalid", "min_value", "max_value")}
        errors["max_decimal_places"] = _("Не больше двух знаков после запятой.")
        for name in WEIGHT_FIELDS:
            field = MatchingWeights._meta.get_field(name)
            default = gettext("По умолчанию — %(value)s.") % {
                "value": floatformat(field.default, "-2")
            }
            self.fields[name] = forms.DecimalField(
                label=capfirst(field.verbose_name),
                help_text=f"{field.help_text} {default}",
                min_value=0,
                max_value=WEIGHT_MAX,
                decimal_places=2,
                error_messages=errors,
            )
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Сохранить")))
        self.helper.add_input(
            _SecondarySubmit(
                "reset", _("Вернуть значения по умолчанию"), formnovalidate="formnovalidate"
            )
        )
