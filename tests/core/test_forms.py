"""What forms share: Bootstrap's classes and a list's filters as plain values."""

import pytest
from django import forms

from core.forms import ALL, FilterForm
from mentoring.models import Subject

pytestmark = pytest.mark.django_db


class _Filters(FilterForm):
    q = forms.CharField(required=False)
    kind = forms.ChoiceField(required=False, choices=[("", ALL), ("a", "A")])
    subject = forms.ModelChoiceField(queryset=Subject.objects.all(), required=False)
    tags = forms.MultipleChoiceField(
        required=False, choices=[("x", "X")], widget=forms.CheckboxSelectMultiple
    )


def test_inputs_and_selects_get_bootstrap_classes_checkbox_lists_keep_theirs():
    form = _Filters()
    assert form.fields["q"].widget.attrs["class"] == "form-control"
    assert form.fields["kind"].widget.attrs["class"] == "form-select"
    assert "class" not in form.fields["tags"].widget.attrs


def test_params_give_a_chosen_record_as_its_pk():
    subject = Subject.objects.create(name="Физика")
    form = _Filters({"q": " Иванова ", "kind": "a", "subject": str(subject.pk)})
    assert form.params() == {"q": "Иванова", "kind": "a", "subject": subject.pk, "tags": []}


def test_invalid_or_unbound_filters_filter_nothing():
    assert _Filters({"kind": "нет такого"}).params() == {}
    assert _Filters().params() == {}
