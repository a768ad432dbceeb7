from django import forms
from django.utils.translation import gettext_lazy as _

from core.spreadsheets import XLSX_CONTENT_TYPE

from ..imports.upload import import_field_choices, people_upload_read
from ..models import Organisation


class StaffImportForm(forms.Form):
    """The upload of a staff file or of a file of the bank of mentees or of mentors."""

    file = forms.FileField(
        label=_("Файл Excel (.xlsx)"),
        help_text=_("До 5 МБ и 10 000 строк. Сначала вы увидите, что изменится."),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
    )

    def __init__(self, *args, organisation: Organisation, target: str = "staff", **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.target = target

    def clean_file(self):
        """The uploaded workbook, checked and, if small, read into a table."""
        return people_upload_read(
            self.cleaned_data["file"], organisation=self.organisation, target=self.target
        )


NOT_IMPORTED = ""


class ColumnMappingForm(forms.Form):
    """A field for each column of an uploaded file, or «не загружать»."""

    def __init__(self, *args, columns: list[dict], target: str, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(NOT_IMPORTED, _("— не загружать —"))]
        choices += import_field_choices(target)
        self.columns = columns
        for column in columns:
            self.fields[f"column_{column['index']}"] = forms.ChoiceField(
                label=column["header"],
                choices=choices,
                required=False,
                initial=column["key"] or NOT_IMPORTED,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def rows(self):
        """Each column of the file with its select, for the template."""
        return [(column, self[f"column_{column['index']}"]) for column in self.columns]

    def fields_by_index(self) -> dict[int, str | None]:
        return {
            column["index"]: self.cleaned_data[f"column_{column['index']}"] or None
            for column in self.columns
        }
