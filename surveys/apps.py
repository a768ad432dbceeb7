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
        from .selectors.answering import surveys_panel

        extensions.USER_LINKS.append(("my_surveys", _("Мои анкеты")))
        extensions.DASHBOARD_PANELS.append(
            extensions.DashboardPanel("surveys/_dashboard_panel.html", surveys_panel)
        )

        # Who built and changed a questionnaire and a campaign. Responses, answers and
        # participations are never audited: an anonymous campaign must leave no trace of who
        # answered what.
        auditlog.register(models.Questionnaire)
        auditlog.register(models.Campaign, m2m_fields={"pairs"})
        # results: the evaluation's levels; the coordinator's figures across schools.
        register_badges(models.Response, LEVEL_CLASSES, field="level")
        extensions.MUNICIPALITY_LINKS.append(
            (
                permissions.Action.RESULTS_AGGREGATE,
                "municipal_survey_results",
                _("Анкетирование в школах"),
            )
        )
