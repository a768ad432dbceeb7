from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import DateField

from ..models import Meeting


class MeetingLogForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["held_on", "format", "topic", "notes"]
        field_classes = {"held_on": DateField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        labels = {"held_on": gettext_lazy("Дата проведения")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].required = True
        self.fields["topic"].required = True
        if not self.instance.held_on:
            self.initial.setdefault("held_on", min(self.instance.planned_on, timezone.localdate()))

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("Дата проведения не может быть в будущем."))
        return held_on


class MeetingFeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Оценка встречи"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("1 — совсем не полезна, 5 — очень полезна."),
    )
    comment = forms.CharField(
        label=gettext_lazy("Комментарий"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
