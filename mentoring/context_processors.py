from collections.abc import Callable
from functools import cache

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .extensions import MENU_GROUPS, MUNICIPALITY_GROUPS, MUNICIPALITY_LINKS, USER_LINKS
from .models import Notification, Organisation, Role
from .permissions import Action, allows, request_organisations, roles_by_organisation

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


# A school's menu: groups of (action that opens it, URL name, title); a titled group is a
# dropdown.
_SCHOOL_MENU = (
    (
        gettext_lazy("Участники"),
        (
            (Action.PEOPLE_VIEW, "people_list", gettext_lazy("Список участников")),
            (Action.INVITATIONS_MANAGE, "invitation_list", gettext_lazy("Приглашения")),
        ),
    ),
    (
        gettext_lazy("Банки"),
        (
            (Action.BANKS_VIEW, "mentee_list", gettext_lazy("Банк наставляемых")),
            (Action.BANKS_VIEW, "mentor_list", gettext_lazy("Банк наставников")),
            (Action.PAIRS_VIEW, "preference_list", gettext_lazy("Предпочтения участников")),
        ),
    ),
    (
        gettext_lazy("Пары"),
        (
            (Action.PAIRS_VIEW, "pair_list", gettext_lazy("Пары и группы")),
            (Action.PAIRS_CHANGE, "matching", gettext_lazy("Подбор пар")),
        ),
    ),
)
# The school's own settings close the menu, after what other apps add.
_SCHOOL_MENU_END = (
    (None, ((Action.ORGANISATION_VIEW, "organisation_detail", gettext_lazy("Школа")),)),
)
_MUNICIPALITY_MENU = (
    (
        None,
        (
            (Action.MUNICIPALITY_VIEW, "municipality_detail", gettext_lazy("Школы муниципалитета")),
            (Action.MUNICIPALITY_VIEW, "registry", gettext_lazy("Реестр")),
        ),
    ),
)


def _links(organisation: Organisation, roles) -> list[dict]:
    links = [{"title": _("Главная"), "url": reverse("home"), "name": "home"}]
    if (
        organisation.is_school
        and roles - {Role.COORDINATOR}
        and not allows(roles, Action.PAIRS_VIEW)
    ):
        # A teacher's own pairs come first; those who run the programme have them in the user
        # menu, and the coordinator who supervises the school has none there.
        links.append(
            {
                "title": _("Моё наставничество"),
                "url": reverse("my_mentoring"),
                "name": "my_mentoring",
            }
        )
    if organisation.is_school:
        extra = tuple((group.title, group.items) for group in MENU_GROUPS)
        menu = (*_SCHOOL_MENU, *extra, *_SCHOOL_MENU_END)
    else:
        extra = tuple((group.title, group.items) for group in MUNICIPALITY_GROUPS)
        menu = (*_MUNICIPALITY_MENU, (None, tuple(MUNICIPALITY_LINKS)), *extra)
    for group, items in menu:
        allowed = [
            {"title": title, "url": reverse(name, args=[organisation.pk]), "name": name}
            for action, name, title in items
            if allows(roles, action)
        ]
        if group is None:
            links += allowed
        elif allowed:
            links.append(
                {"title": group, "children": allowed, "names": {item["name"] for item in allowed}}
            )
    return links


def _unread_count(user) -> Callable[[], int]:
    """For a page without an organisation: counted once, and only by a template that shows the
    bell (not by htmx fragments)."""

    @cache
    def count() -> int:
        return Notification.objects.filter(user=user, read_at__isnull=True).count()

    return count


def navigation(request) -> dict:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    current_id = current_organisation_id(request)
    if current_id is None:
        return {"nav": {"links": [], "organisations": [], "unread": _unread_count(request.user)}}
    roles = roles_by_organisation(request.user)
    organisations = request_organisations(request.user, current_id)
    current = organisations[current_id]
    # The switcher lists organisations where the user holds a role of their own, plus the current.
    switcher = sorted(
        (
            organisation
            for organisation in organisations.values()
            if organisation.pk == current_id
            or roles.get(organisation.pk, frozenset()) - {Role.COORDINATOR}
            or not organisation.is_school
        ),
        key=lambda organisation: organisation.short_name,
    )
    match = getattr(request, "resolver_match", None)
    return {
        "nav": {
            "organisation": current,
            "roles": [Role(r).label for r in sorted(roles[current_id])],
            "links": _links(current, roles[current_id]),
            "active": match.url_name if match else "",
            "organisations": switcher,
            "user_links": [{"title": title, "url": reverse(name)} for name, title in USER_LINKS],
            "unread": current.unread_notifications,
        }
    }
