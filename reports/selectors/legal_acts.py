"""The acts a school's orders rest on."""

from mentoring.models import Organisation

from ..models import Audience, LegalAct


def school_acts(organisation: Organisation) -> list[LegalAct]:
    """The school's own list once it has edited it; until then the federal acts, then the
    regional and municipal ones its municipality lists."""
    own = list(LegalAct.objects.filter(organisation=organisation))
    if own:
        return own
    federal = LegalAct.objects.filter(organisation__isnull=True)
    municipal = (
        LegalAct.objects.filter(organisation_id=organisation.municipality_id)
        if organisation.municipality_id
        else LegalAct.objects.none()
    )
    return [*federal, *municipal]


def municipality_acts(municipality: Organisation) -> list[LegalAct]:
    return list(LegalAct.objects.filter(organisation=municipality))


def _concerns(act: LegalAct, audience: str) -> bool:
    return Audience.BOTH in (act.audience, audience) or act.audience == audience


def act_texts(organisation: Organisation, audience: str) -> list[str]:
    """The texts an order about the audience cites, in the list's order."""
    return [act.text for act in school_acts(organisation) if _concerns(act, audience)]


def local_act_texts(organisation: Organisation) -> list[str]:
    """The regional, municipal and the school's own acts: those of its list that are not federal."""
    federal = set(LegalAct.objects.filter(organisation__isnull=True).values_list("text", flat=True))
    return [act.text for act in school_acts(organisation) if act.text not in federal]
