"""The people an order names and the forms of their names its text uses, for the page that
shows a draft before approval."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.names import CASES, decline_person
from mentoring.models import Person

from ..models import Order, OrderItem

_CASE_LABELS = {
    "nominative": gettext_lazy("именительный"),
    "genitive": gettext_lazy("родительный"),
    "dative": gettext_lazy("дательный"),
    "accusative": gettext_lazy("винительный"),
    "instrumental": gettext_lazy("творительный"),
    "prepositional": gettext_lazy("предложный"),
}
_ROLES = {
    Order.Kind.SYSTEM: gettext_lazy("Куратор"),
    Order.Kind.CURATOR: gettext_lazy("Куратор"),
    Order.Kind.ROADMAP: gettext_lazy("Ответственный за дорожную карту"),
    Order.Kind.FINAL_EVENT: gettext_lazy("Куратор"),
    Order.Kind.REWARD: gettext_lazy("Поощряемый участник"),
    Order.Kind.LETTER: gettext_lazy("Адресат"),
    Order.Kind.AMEND: gettext_lazy("Назван в изменяемом приказе"),
    Order.Kind.CANCEL: gettext_lazy("Назван в отменяемом приказе"),
}


@dataclass
class NameForm:
    form: str
    cases: list[str] = field(default_factory=list)


@dataclass
class NamedPerson:
    person: Person
    role: str
    forms: list[NameForm]
    # Not in the text itself: named only in an appendix or the acknowledgement sheet.
    in_text: bool


def _pair_roles(order: Order) -> dict[int, str]:
    roles: dict[int, str] = {}
    for pair in order.pairs.select_related("mentor", "co_mentor").prefetch_related("mentees"):
        roles.setdefault(pair.mentor.person_id, _("Наставник"))
        if pair.co_mentor is not None:
            roles.setdefault(pair.co_mentor.person_id, _("Со-наставник"))
        for entry in pair.mentees.all():
            roles.setdefault(entry.person_id, _("Наставляемый"))
    return roles


def named_people(order: Order, people: list[Person], items: list[OrderItem]) -> list[NamedPerson]:
    """Each person with their role in the order and the forms of their name (full or
    «Фамилия И.О.») the title, preamble, addressee and items use, the cases each stands for."""
    text = "\n".join([order.title, order.preamble, order.addressee, *(i.text for i in items)])
    pair_roles = _pair_roles(order) if order.kind == Order.Kind.PAIRS else {}
    rows = []
    for person in people:
        forms: dict[str, NameForm] = {}
        for short in (False, True):
            declined = {case: decline_person(person, case, short=short) for case in CASES}
            for case, form in declined.items():
                if form in text:
                    forms.setdefault(form, NameForm(form)).cases.append(case_label(case))
            # An indeclinable short form («Кравченко Л.Н.») fits every case: say so once.
            if len(set(declined.values())) == 1 and declined["nominative"] in forms:
                forms[declined["nominative"]].cases = [_("не склоняется")]
        if pair_roles:
            role = pair_roles.get(person.pk, _("Куратор"))
        else:
            role = str(_ROLES.get(order.kind, _("Назван в приказе")))
        in_text = bool(forms)
        if not in_text:
            forms = {person.full_name: NameForm(person.full_name, [case_label("nominative")])}
        rows.append(NamedPerson(person, role, list(forms.values()), in_text=in_text))
    return rows


def case_label(case: str) -> str:
    return str(_CASE_LABELS[case])
