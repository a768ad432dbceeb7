from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Organisation, Role
from .permissions import RULES, Action, roles_by_organisation

SESSION_KEY = "current_organisation"


def current_organisation_id(request) -> int | None:
    """The organisation in the URL, else the last one visited, else the first the user has."""
    roles = roles_by_organisation(request.user)
    if not roles:
        return None
    match = getattr(request, "resolver_match", None)
    from_url = match.kwargs.get("org") if match else None
    if from_url in roles:
        if request.session.get(SESSION_KEY) != from_url:
            request.session[SESSION_KEY] = from_url
        return from_url
    remembered = request.session.get(SESSION_KEY)
    return remembered if remembered in roles else min(roles)


def _links(organisation: Organisation, roles) -> list[dict]:
    def allowed(action: Action) -> bool:
        return bool(roles & RULES[action])

    links = [{"title": _("Главная"), "url": reverse("home"), "name": "home"}]
    org = organisation.pk
    if allowed(Action.MUNICIPALITY_VIEW) and not organisation.is_school:
        links.append(
            {
                "title": _("Школы муниципалитета"),
                "url": reverse("municipality_detail", args=[org]),
                "name": "municipality_detail",
            }
        )
    if organisation.is_school and allowed(Action.PEOPLE_VIEW):
        links.append(
            {
                "title": _("Участники"),
                "url": reverse("people_list", args=[org]),
                "name": "people_list",
            }
        )
    if organisation.is_school and allowed(Action.INVITATIONS_MANAGE):
        links.append(
            {
                "title": _("Приглашения"),
                "url": reverse("invitation_list", args=[org]),
                "name": "invitation_list",
            }
        )
    if organisation.is_school and allowed(Action.ORGANISATION_VIEW):
        links.append(
            {
                "title": _("Организация"),
                "url": reverse("organisation_detail", args=[org]),
                "name": "organisation_detail",
            }
        )
    return links


def navigation(request) -> dict:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    current_id = current_organisation_id(request)
    if current_id is None:
        return {"nav": {"links": [], "organisations": []}}
    roles = roles_by_organisation(request.user)
    # The switcher lists organisations where the user holds a role of their own, plus the current.
    own = [org_id for org_id, r in roles.items() if r != {Role.COORDINATOR} or org_id == current_id]
    organisations = list(
        Organisation.objects.filter(
            Q(pk__in=own) | Q(pk__in=list(roles), kind=Organisation.Kind.MUNICIPALITY)
        ).only("pk", "short_name", "kind")
    )
    current = next(o for o in organisations if o.pk == current_id)
    match = getattr(request, "resolver_match", None)
    return {
        "nav": {
            "organisation": current,
            "roles": [Role(r).label for r in sorted(roles[current_id])],
            "links": _links(current, roles[current_id]),
            "active": match.url_name if match else "",
            "organisations": organisations,
        }
    }
