from django import forms
from django.utils.translation import gettext_lazy as _

from .services.staff_excel import XLSX_CONTENT_TYPE, staff_file_read


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label=_("Файл Excel (.xlsx)"),
        help_text=_("До 5 МБ и 10 000 строк. Сначала вы увидите, что изменится."),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
    )

    def clean_file(self):
        """The uploaded workbook, checked and read into a StaffFile."""
        return staff_file_read(self.cleaned_data["file"])
