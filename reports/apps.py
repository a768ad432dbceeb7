from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Приказы и отчёты")

    def ready(self):
        from core.badges import register as register_badges
        from mentoring import extensions
        from mentoring.permissions import Action as MentoringAction

        from .badges import ORDER_CLASSES
        from .demo import orders_add, pairs_order_approve, public_page_open
        from .models import Order
        from .permissions import Action
        from .selectors.dashboard import orders_panel

        register_badges(Order, ORDER_CLASSES)
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
        extensions.DEMO_PAIR_ACTIVATORS.append(pairs_order_approve)
        extensions.DEMO_STEPS.append(orders_add)
        extensions.DEMO_STEPS.append(public_page_open)
