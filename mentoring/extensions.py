"""Where the apps built on mentoring add to its menu and dashboard, so that mentoring never
imports them. Each app registers its additions in its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from .permissions import Action


@dataclass(frozen=True)
class MenuGroup:
    """A dropdown of the school's menu: (action that shows it, URL name taking the
    organisation's pk, title) for each item."""

    title: str
    items: tuple[tuple[Action, str, str], ...]


@dataclass(frozen=True)
class DashboardPanel:
    """A block of a school's dashboard: `context(request, organisation, roles)` returns the
    template's `panel`, or None when the block is not for this user."""

    template: str
    context: Callable


@dataclass(frozen=True)
class DashboardTile:
    """A figure of a school's dashboard and the list it counts: `rows` are the rows that list
    shows at `url`, its own selector's queryset with the same parameters. The dashboard counts
    every tile's rows in one query and sets `count`."""

    key: str
    label: str
    rows: QuerySet
    url: str
    count: int | None = None


MENU_GROUPS: list[MenuGroup] = []
# Links of each school in the municipality's overview: (action the user needs at the school,
# URL name taking the school's pk, title).
SCHOOL_LINKS: list[tuple[Action, str, str]] = []
# Links of a municipality's menu the apps above add: (action, URL name taking its pk, title),
# and its dropdowns.
MUNICIPALITY_LINKS: list[tuple[Action, str, str]] = []
MUNICIPALITY_GROUPS: list[MenuGroup] = []
DASHBOARD_PANELS: list[DashboardPanel] = []
# Tiles the apps above add: `tiles(organisation, roles, year)` returns a list of DashboardTile.
DASHBOARD_TILES: list[Callable] = []
# Links of the user menu: (URL name without arguments, title).
USER_LINKS: list[tuple[str, str]] = []
# Demo data. An activator puts the school's pairs awaiting the order into effect as the
# product would (by an approved order); the steps add an app's own demo data to a school.
# Roadmap activities as other apps see them, without importing roadmap. A link provider
# `links(activity, user)` returns [(url, title)] the activity's row offers this user (surveys:
# «Провести анкетирование»). A completer `complete(activity_id, organisation_id, actor)` marks
# the activity done when what it called for is finished (roadmap registers it).
ACTIVITY_LINKS: list[Callable] = []
# Links of a pair's page the apps above add: `links(pair, user)` returns [(url, title)] the
# pair's page offers this user (reports: «В методическую копилку» for a completed pair).
PAIR_LINKS: list[Callable] = []
ACTIVITY_COMPLETERS: list[Callable] = []
# `title(activity_id, organisation_id)` → the activity's title, or None when the school has no
# such activity (roadmap registers it): a survey started from an activity is named after it.
ACTIVITY_TITLES: list[Callable] = []
DEMO_PAIR_ACTIVATORS: list[Callable] = []
DEMO_STEPS: list[Callable] = []


def dashboard_panels(request, organisation, roles) -> list[tuple[str, dict]]:
    panels = []
    for panel in DASHBOARD_PANELS:
        context = panel.context(request, organisation, roles)
        if context is not None:
            panels.append((panel.template, context))
    return panels


def dashboard_tiles(organisation, roles, year) -> list[DashboardTile]:
    return [tile for tiles in DASHBOARD_TILES for tile in tiles(organisation, roles, year)]


def activity_links(activity, user) -> list[tuple[str, str]]:
    return [link for links in ACTIVITY_LINKS for link in links(activity, user)]


def pair_links(pair, user) -> list[tuple[str, str]]:
    return [link for links in PAIR_LINKS for link in links(pair, user)]


def activity_complete(activity_id: int, organisation_id: int, actor) -> None:
    for complete in ACTIVITY_COMPLETERS:
        complete(activity_id, organisation_id, actor)


def activity_title(activity_id: int, organisation_id: int) -> str | None:
    for title in ACTIVITY_TITLES:
        found = title(activity_id, organisation_id)
        if found is not None:
            return found
    return None
