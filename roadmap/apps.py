from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "roadmap"
    verbose_name = _("Дорожная карта")

    def ready(self):
        from auditlog.registry import auditlog

        from core.audit import register_choices
        from core.badges import register as register_badges
        from mentoring import extensions
        from mentoring.models import Duty, Role

        from . import models
        from .badges import ACTIVITY_CLASSES
        from .demo import roadmap_add
        from .permissions import Action
        from .selectors.dashboard import roadmap_tiles
        from .services.roadmap import activity_complete_by_id, activity_title_by_id

        # Who changed the plan, its deadlines and statuses, and when.
        auditlog.register(models.Roadmap)
        auditlog.register(models.Stage)
        auditlog.register(models.Activity, m2m_fields={"responsible_people"})
        register_choices(models.Activity, "responsible_roles", Role.choices + Duty.choices)
        register_badges(models.Activity, ACTIVITY_CLASSES)

        extensions.MENU_GROUPS.append(
            extensions.MenuGroup(
                _("Дорожная карта"),
                (
                    (Action.ROADMAP_VIEW, "roadmap_detail", _("План мероприятий")),
                    (Action.ROADMAP_VIEW, "roadmap_timeline", _("По месяцам")),
                ),
            )
        )
        extensions.SCHOOL_LINKS.append((Action.ROADMAP_VIEW, "roadmap_detail", _("Дорожная карта")))
        extensions.DASHBOARD_TILES.append(roadmap_tiles)
        extensions.USER_LINKS.append(("my_tasks", _("Мои задачи")))
        extensions.DEMO_STEPS.append(roadmap_add)
        extensions.ACTIVITY_COMPLETERS.append(activity_complete_by_id)
        extensions.ACTIVITY_TITLES.append(activity_title_by_id)
