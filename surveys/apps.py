from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "surveys"
    verbose_name = _("Анкетирование")

    def ready(self):
        from auditlog.registry import auditlog

        from mentoring import extensions

        from . import models, permissions  # noqa: F401  (declares the app's access rules)
        from .permissions import Action
        from .views.campaigns import survey_activity_links

        # Who built and changed a questionnaire and a campaign. Responses, answers and
        # participations are never audited: an anonymous campaign must leave no trace of who
        # answered what.
        auditlog.register(models.Questionnaire)
        auditlog.register(models.Campaign, m2m_fields={"pairs", "people"})

        extensions.MENU_GROUPS.append(
            extensions.MenuGroup(
                _("Анкетирование"),
                ((Action.CAMPAIGNS_MANAGE, "campaign_list", _("Анкетирования")),),
            )
        )
        extensions.ACTIVITY_LINKS.append(survey_activity_links)
