"""A monitoring report's kind and period, and the curator's text."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField

from ..models import MonitoringReport
from ..services.monitoring import JUNE_SECTIONS

TEXT_ROWS = 6


class ReportCreateForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Вид отчёта"),
        choices=MonitoringReport.Kind.choices,
        widget=forms.RadioSelect,
        initial=MonitoringReport.Kind.DECEMBER,
    )
    period_start = DateField(
        label=_("Начало периода"),
        required=False,
        help_text=_(
            "Только для отчёта за период: декабрьский и июньский отчёты берут период "
            "от начала учебного года."
        ),
    )
    period_end = DateField(label=_("Конец периода (дата отчёта)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("kind") == MonitoringReport.Kind.PERIOD:
            for name in ("period_start", "period_end"):
                if not data.get(name):
                    self.add_error(name, _("Укажите дату."))
        return data


class ReportTextForm(forms.Form):
    conclusions = forms.CharField(
        label=_("Выводы"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )
    proposals = forms.CharField(
        label=_("Предложения"), required=False, widget=forms.Textarea(attrs={"rows": TEXT_ROWS})
    )

    def __init__(self, *args, report: MonitoringReport, **kwargs):
        initial = {
            "conclusions": report.conclusions,
            "proposals": report.proposals,
            **{f"analysis_{key}": text for key, text in report.analysis.items()},
        }
        super().__init__(*args, initial=initial, **kwargs)
        if report.kind == MonitoringReport.Kind.JUNE:
            for key, title in JUNE_SECTIONS.items():
                self.fields[f"analysis_{key}"] = forms.CharField(
                    label=title,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": TEXT_ROWS}),
                )

    def analysis(self) -> dict[str, str]:
        return {
            name.removeprefix("analysis_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("analysis_")
        }
