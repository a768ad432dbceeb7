"""The lists of acts orders rest on: a school's own, or a municipality's regional and
municipal acts its schools cite after the federal ones."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.quotes import typeset
from mentoring.models import Organisation

from ..models import Audience, LegalAct


@transaction.atomic
def legal_acts_replace(*, organisation: Organisation, acts: list[tuple[str, str]]) -> None:
    """Replace the organisation's list with `acts`, (audience, text) pairs in their order.
    A school's emptied list falls back to the federal and municipal acts."""
    cleaned = []
    for audience, text in acts:
        text = typeset(" ".join(text.split()).rstrip(",;."))
        if not text:
            continue
        if audience not in Audience.values:
            raise ValidationError(_("Неизвестная аудитория акта."))
        cleaned.append((audience, text))
    LegalAct.objects.filter(organisation=organisation).delete()
    LegalAct.objects.bulk_create(
        LegalAct(organisation=organisation, audience=audience, position=n, text=text)
        for n, (audience, text) in enumerate(cleaned, 1)
    )
