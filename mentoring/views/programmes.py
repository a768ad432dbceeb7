"""The personalised programme of a pair or group: its page, its plan's marks and its print."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.downloads import pdf_response
from core.names import initials_surname
from core.pdf import render_pdf

from ..forms.programmes import ProgrammeForm, ProgrammeItemFormSet, formset_rows
from ..models import MentoringPair, Programme, ProgrammeItem
from ..permissions import Action, can, get_pair_for_user
from ..selectors.pairs import pairs_for_detail
from ..services import programmes as programme_services


class ItemDoneForm(forms.Form):
    done = forms.BooleanField(required=False)
    evidence = forms.CharField(label=gettext_lazy("подтверждение"), max_length=500, required=False)


def _get_pair(user, pk: int) -> tuple[MentoringPair, bool]:
    """The pair, which its members and those who run the programme read, and whether the
    user may edit its programme."""
    pair = get_pair_for_user(user, pk, Action.PAIR_FOLLOW, queryset=pairs_for_detail())
    return pair, can(user, Action.PROGRAMME_CHANGE, pair)


def _programme(pair: MentoringPair) -> Programme | None:
    return Programme.objects.filter(pair=pair).first()


def programme_edit(request, pk: int):
    pair, can_edit = _get_pair(request.user, pk)
    programme = _programme(pair)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    if request.method == "POST" and programme is None:
        messages.error(request, _("Программа ещё не составлена."))
        return redirect("programme_edit", pk=pair.pk)
    editing = (
        can_edit and programme is not None and (request.method == "POST" or "edit" in request.GET)
    )
    form = formset = None
    if editing:
        # Sections left empty start from the bank entries and the role model.
        prefill = {
            name: value
            for name, value in programme_services.programme_prefill(pair).items()
            if not getattr(programme, name)
        }
        form = ProgrammeForm(request.POST or None, instance=programme, initial=prefill)
        formset = ProgrammeItemFormSet(request.POST or None, instance=programme)
        if request.method == "POST" and form.is_valid() and formset.is_valid():
            programme_services.programme_update(
                programme=programme, data=form.cleaned_data, items=formset_rows(formset)
            )
            messages.success(request, _("Программа сохранена."))
            return redirect("programme_edit", pk=pair.pk)
    items = list(programme.items.all()) if programme else []
    return render(
        request,
        "mentoring/programme_edit.html",
        {
            "pair": pair,
            "organisation": pair.organisation,
            "programme": programme,
            "items": items,
            "done_count": sum(item.done for item in items),
            "can_edit": can_edit,
            "can_view_pairs": can(request.user, Action.PAIRS_VIEW, pair.organisation_id),
            "editing": editing,
            "form": form,
            "formset": formset,
        },
    )


@require_POST
def programme_create(request, pk: int):
    pair, can_edit = _get_pair(request.user, pk)
    if not can_edit:
        raise PermissionDenied
    if _programme(pair) is None:
        programme_services.programme_create_from_template(pair=pair)
        messages.success(
            request,
            _("Программа составлена по шаблону формы. Уточните её под затруднения наставляемого."),
        )
    else:
        messages.info(request, _("Программа уже составлена."))
    return redirect(reverse("programme_edit", args=[pair.pk]) + "?edit=1")


def programme_pdf(request, pk: int):
    pair, _can_edit = _get_pair(request.user, pk)
    programme = _programme(pair)
    if programme is None:
        messages.info(request, _("Программа ещё не составлена."))
        return redirect("programme_edit", pk=pair.pk)
    if restricted := [m.person.full_name for m in pair.members() if m.person.restriction]:
        messages.error(
            request,
            _(
                "Программа не печатается: %(names)s — согласие на обработку персональных "
                "данных отозвано. Измените состав пары или расформируйте её."
            )
            % {"names": ", ".join(restricted)},
        )
        return redirect("programme_edit", pk=pair.pk)
    organisation = pair.organisation
    context = {
        "pair": pair,
        "organisation": organisation,
        "director_signature": initials_surname(organisation.director_name),
        "programme": programme,
        "items": programme.items.all(),
        "mentees": pair.mentees.all(),
    }
    return pdf_response(render_pdf("pdf/programme.html", context), f"programme-{pair.pk}.pdf")


@require_POST
def programme_item_done(request, pk: int):
    item = get_object_or_404(ProgrammeItem.objects.select_related("programme"), pk=pk)
    pair, can_edit = _get_pair(request.user, item.programme.pair_id)
    if not can_edit:
        raise PermissionDenied
    form = ItemDoneForm(request.POST)
    if form.is_valid():
        programme_services.programme_item_set_done(item=item, **form.cleaned_data)
        messages.success(request, _("Отметка о выполнении сохранена."))
    else:
        messages.error(request, _("Подтверждение не длиннее 500 символов."))
    return redirect("programme_edit", pk=pair.pk)
