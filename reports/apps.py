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
        register_badges(PracticeCase, PRACTICE_CLASSES)
        # A case tells the story of named people; its materials may show them.
        auditlog.register(PracticeCase)
        auditlog.register(PracticeMaterial)

        extensions.MENU_GROUPS.append(
            extensions.MenuGroup(
                _("Документы"),
                (
                    (Action.APPROVED_VIEW, "order_list", _("Журнал приказов")),
                    (Action.ORDERS_DRAFT, "order_create", _("Подготовить приказ")),
                    (Action.MONITORING_VIEW, "monitoring", _("Мониторинг")),
                    (Action.MONITORING_VIEW, "monitoring_report_list", _("Отчёты о мониторинге")),
                    (Action.MONITORING_VIEW, "statistics", _("Статистика участников")),
                    (Action.MONITORING_MANAGE, "monitoring_targets", _("Целевые значения")),
                    (Action.MONITORING_MANAGE, "contingent_list", _("Контингент обучающихся")),
                    (Action.PRACTICES_VIEW, "practice_list", _("Методическая копилка")),
                    (Action.PUBLIC_PAGE_MANAGE, "public_page_settings", _("Публичная страница")),
                ),
            )
        )
        extensions.DASHBOARD_PANELS.append(
            extensions.DashboardPanel("reports/_dashboard_panel.html", orders_panel)
        )
        extensions.USER_LINKS.append(("my_orders", _("Мои приказы")))
        extensions.PAIR_LINKS.append(pair_practice_links)

        # What the municipality's coordinator reads of each school, and her own pages.
        extensions.SCHOOL_LINKS += [
            (Action.APPROVED_VIEW, "order_list", _("Утверждённые приказы")),
            (Action.MONITORING_VIEW, "monitoring", _("Мониторинг")),
            (Action.MONITORING_VIEW, "statistics", _("Статистика участников")),
        ]
        # The regional and municipal acts the schools' orders cite.
        extensions.MUNICIPALITY_LINKS.append(
            (MentoringAction.MUNICIPALITY_VIEW, "legal_acts", _("Основания приказов"))
        )
        extensions.MUNICIPALITY_GROUPS.append(
            extensions.MenuGroup(
                _("Мониторинг"),
                (
                    (
                        MentoringAction.MUNICIPALITY_VIEW,
                        "municipal_summary",
                        _("Сводка мониторинга"),
                    ),
                    (
                        MentoringAction.MUNICIPALITY_VIEW,
                        "municipal_report_list",
                        _("Отчёты о мониторинге"),
                    ),
                    (
                        MentoringAction.MUNICIPALITY_VIEW,
                        "municipal_statistics",
                        _("Статистика участников"),
                    ),
                    (MentoringAction.MUNICIPALITY_VIEW, "municipal_practices", _("Практики школ")),
                ),
            )
        )

        extensions.DEMO_PAIR_ACTIVATORS.append(pairs_order_approve)
        extensions.DEMO_STEPS += [
            orders_add,
            monitoring_inputs_add,
            monitoring_report_add,
            practices_add,
            public_page_open,
        ]
