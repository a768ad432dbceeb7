from django import forms
from django.utils.translation import gettext_lazy as _

from core.spreadsheets import XLSX_CONTENT_TYPE

from ..imports.banks import bank_headers
from ..imports.staff_file import staff_file_read


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label=_("Файл Excel (.xlsx)"),
        help_text=_("До 5 МБ и 10 000 строк. Сначала вы увидите, что изменится."),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
    )

    def clean_file(self):
        """The uploaded workbook, checked and read into a table."""
        return staff_file_read(self.cleaned_data["file"])


class BankImportForm(StaffImportForm):
    """The staff upload form for a file of the bank of mentees or of mentors."""

    def __init__(self, *args, target: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target

    def clean_file(self):
        return staff_file_read(self.cleaned_data["file"], bank_headers(self.target))
