"""The buttons of the matching page."""

from django import forms
from django.utils.translation import gettext_lazy as _

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
