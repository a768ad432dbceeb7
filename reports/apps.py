from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Приказы и отчёты")

    def ready(self):
        from auditlog.registry import auditlog

        from core.badges import register as register_badges
        from mentoring import extensions
        from mentoring.permissions import Action as MentoringAction

        from .badges import ORDER_CLASSES, PRACTICE_CLASSES, REPORT_CLASSES
        from .demo import (
            monitoring_report_add,
            orders_add,
            pairs_order_approve,
            practices_add,
            public_page_open,
        )
        from .demo_monitoring import monitoring_inputs_add
        from .models import MonitoringReport, Order, PracticeCase, PracticeMaterial
        from .permissions import Action
        from .selectors.dashboard import orders_panel
        from .selectors.practices import pair_practice_links

        register_badges(Order, ORDER_CLASSES)
        register_badges(MonitoringReport, REPORT_CLASSES)
        extensions.MUNICIPALITY_LINKS.append(
            (MentoringAction.MUNICIPALITY_VIEW, "municipal_report_list", _("Отчёты о мониторинге"))
        )
        register_badges(PracticeCase, PRACTICE_CLASSES)
        # A case tells the story of named people; its materials may show them.
        auditlog.register(PracticeCase)
        auditlog.register(PracticeMaterial)
        extensions.MENU_GROUPS.append(
            extensions.MenuGroup(
                _("Приказы"),
                (
                    (Action.APPROVED_VIEW, "order_list", _("Журнал приказов")),
                    (Action.ORDERS_DRAFT, "order_create", _("Подготовить приказ")),
                ),
            )
        )
        extensions.DASHBOARD_PANELS.append(
            extensions.DashboardPanel("reports/_dashboard_panel.html", orders_panel)
        )
        extensions.SCHOOL_LINKS.append(
            (Action.APPROVED_VIEW, "order_list", _("Утверждённые приказы"))
        )
        extensions.USER_LINKS.append(("my_orders", _("Мои приказы")))
        # The coordinator keeps the regional and municipal acts the schools' orders cite.
        extensions.MUNICIPALITY_LINKS.append(
            (MentoringAction.MUNICIPALITY_VIEW, "legal_acts", _("Основания приказов"))
        )
        # Municipal: statistics counts and the summary of the schools' monitoring.
        extensions.MUNICIPALITY_LINKS += [
            (MentoringAction.MUNICIPALITY_VIEW, "municipal_summary", _("Сводка мониторинга")),
            (MentoringAction.MUNICIPALITY_VIEW, "municipal_statistics", _("Статистика участников")),
        ]
        extensions.SCHOOL_LINKS.append(
            (Action.MONITORING_VIEW, "statistics", _("Статистика участников"))
        )
        extensions.DEMO_PAIR_ACTIVATORS.append(pairs_order_approve)
        extensions.DEMO_STEPS.append(orders_add)
        extensions.DEMO_STEPS.append(monitoring_inputs_add)
        extensions.DEMO_STEPS.append(monitoring_report_add)
        extensions.DEMO_STEPS.append(practices_add)
        extensions.MUNICIPALITY_LINKS.append(
            (MentoringAction.MUNICIPALITY_VIEW, "municipal_practices", _("Практики школ"))
        )
        extensions.PAIR_LINKS.append(pair_practice_links)
        extensions.DEMO_STEPS.append(public_page_open)
