from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "surveys"
    verbose_name = _("Анкетирование")

    def ready(self):
        from auditlog.registry import auditlog

        from core.badges import register as register_badges
        from mentoring import extensions

        from . import models, permissions  # noqa: F401  (declares the app's access rules)
        from .badges import LEVEL_CLASSES
        from .demo import surveys_add
        from .permissions import Action
        from .selectors.answering import surveys_panel
        from .selectors.campaigns import survey_activity_links

        # Who built and changed a questionnaire and a campaign. Responses, answers and
        # participations are never audited: an anonymous campaign must leave no trace of who
        # answered what.
        auditlog.register(models.Questionnaire)
        auditlog.register(models.Campaign, m2m_fields={"pairs", "people"})
        register_badges(models.Response, LEVEL_CLASSES, field="level")

        extensions.MENU_GROUPS.append(
            # «Анкеты», not «Анкетирование»: a laptop's menu has room for the school's name.
            extensions.MenuGroup(
                _("Анкеты"),
                (
                    (Action.CAMPAIGNS_MANAGE, "campaign_list", _("Анкетирования")),
                    (Action.QUESTIONNAIRES_MANAGE, "questionnaire_list", _("Анкеты")),
                    (Action.QUESTIONNAIRES_MANAGE, "questionnaire_library", _("Библиотека анкет")),
                ),
            )
        )
        extensions.USER_LINKS.append(("my_surveys", _("Мои анкеты")))
        extensions.DASHBOARD_PANELS.append(
            extensions.DashboardPanel("surveys/_dashboard_panel.html", surveys_panel)
        )
        extensions.MUNICIPALITY_LINKS.append(
            (Action.RESULTS_AGGREGATE, "municipal_survey_results", _("Анкетирование в школах"))
        )
        extensions.ACTIVITY_LINKS.append(survey_activity_links)
        extensions.DEMO_STEPS.append(surveys_add)
