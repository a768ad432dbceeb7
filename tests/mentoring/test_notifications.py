"""The bell: in-app notifications, their count in the menu, the list, reading and opening."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Notification
from mentoring.services.notifications import notification_add, notifications_mark_read
from reports.models import Order
from reports.services.orders import (
    order_approve,
    order_draft,
    order_return,
    order_submit,
    order_update,
)
from tests.mentoring.factories import UserFactory

pytestmark = pytest.mark.django_db


def _unread(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


class TestServices:
    def test_add_keeps_the_text_to_the_field_length(self, teacher, school):
        notification = notification_add(
            user=teacher, text="Очень длинный текст " * 40, url="/x/", organisation=school
        )
        assert len(notification.text) == 500
        assert notification.text.endswith("…")
        assert (notification.url, notification.organisation, notification.read_at) == (
            "/x/",
            school,
            None,
        )

    def test_mark_read_the_given_ones_or_all_and_only_own(self, teacher, curator):
        first, second, third = (notification_add(user=teacher, text=f"№ {n}") for n in range(3))
        others = notification_add(user=curator, text="Чужое")
        assert notifications_mark_read(user=teacher, ids=[first.pk, others.pk]) == 1
        assert _unread(teacher) == 2
        assert notifications_mark_read(user=teacher) == 2
        assert _unread(teacher) == 0
        assert _unread(curator) == 1


class TestBell:
    def test_menu_shows_the_unread_count(self, client, teacher):
        for n in range(3):
            notification_add(user=teacher, text=f"Уведомление {n}")
        Notification.objects.filter(pk=Notification.objects.first().pk).update(
            read_at=timezone.now()
        )
        notification_add(user=UserFactory(), text="Чужое")
        client.force_login(teacher)
        content = client.get(reverse("home")).content.decode()
        assert 'data-notifications="2"' in content
        assert reverse("notification_list") in content

    def test_no_badge_without_unread(self, client, teacher):
        client.force_login(teacher)
        content = client.get(reverse("home")).content.decode()
        assert 'data-notifications="0"' in content
        assert "text-bg-danger" not in content

    def test_the_count_is_one_query(self, client, teacher):
        notification_add(user=teacher, text="Новое")
        client.force_login(teacher)
        client.get(reverse("home"))
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("home"))
        counts = [q["sql"] for q in queries if "mentoring_notification" in q["sql"]]
        assert len(counts) == 1

    def test_user_without_a_school_has_the_bell_too(self, client):
        user = UserFactory()
        notification_add(user=user, text="Новое")
        client.force_login(user)
        assert 'data-notifications="1"' in client.get(reverse("home")).content.decode()


class TestPages:
    def test_list_shows_own_notifications_unread_highlighted(self, client, teacher, curator):
        notification_add(user=teacher, text="Прочитанное")
        Notification.objects.update(read_at=timezone.now())
        notification_add(user=teacher, text="Новое уведомление")
        notification_add(user=curator, text="Уведомление куратора")
        client.force_login(teacher)
        content = client.get(reverse("notification_list")).content.decode()
        assert "Новое уведомление" in content and "Прочитанное" in content
        assert "Уведомление куратора" not in content
        assert content.count("notification-unread") == 1
        assert content.index("Новое уведомление") < content.index("Прочитанное")
        assert "Отметить все прочитанными" in content

    def test_list_is_paginated(self, client, teacher, settings):
        settings.PAGE_SIZE = 3
        for n in range(5):
            notification_add(user=teacher, text=f"Уведомление №{n}")
        client.force_login(teacher)
        first = client.get(reverse("notification_list")).content.decode()
        second = client.get(reverse("notification_list") + "?page=2").content.decode()
        assert "Уведомление №4" in first and "Уведомление №1" not in first
        assert "Уведомление №1" in second and "Уведомление №0" in second

    def test_empty_list(self, client, teacher):
        client.force_login(teacher)
        content = client.get(reverse("notification_list")).content.decode()
        assert "Уведомлений пока нет" in content
        assert "Отметить все прочитанными" not in content

    def test_mark_all_read(self, client, teacher, curator):
        notification_add(user=teacher, text="Раз")
        notification_add(user=teacher, text="Два")
        notification_add(user=curator, text="Чужое")
        client.force_login(teacher)
        response = client.post(reverse("notifications_read"))
        assert response.url == reverse("notification_list")
        assert _unread(teacher) == 0
        assert _unread(curator) == 1

    def test_mark_all_read_refuses_get(self, client, teacher):
        notification_add(user=teacher, text="Раз")
        client.force_login(teacher)
        assert client.get(reverse("notifications_read")).status_code == 405
        assert _unread(teacher) == 1

    def test_open_marks_read_and_follows_the_link(self, client, teacher):
        notification = notification_add(user=teacher, text="Раз", url=reverse("my_mentoring"))
        client.force_login(teacher)
        response = client.get(reverse("notification_open", args=[notification.pk]))
        assert response.status_code == 302
        assert response.url == reverse("my_mentoring")
        notification.refresh_from_db()
        assert notification.read_at is not None

    @pytest.mark.parametrize("url", ["", "https://evil.example/phish", "//evil.example/"])
    def test_open_without_a_safe_link_goes_to_the_list(self, client, teacher, url):
        notification = notification_add(user=teacher, text="Раз", url=url)
        client.force_login(teacher)
        response = client.get(reverse("notification_open", args=[notification.pk]))
        assert response.url == reverse("notification_list")

    def test_opening_anothers_notification_is_404(self, client, teacher, curator):
        notification = notification_add(user=curator, text="Чужое", url="/")
        client.force_login(teacher)
        response = client.get(reverse("notification_open", args=[notification.pk]))
        assert response.status_code == 404
        notification.refresh_from_db()
        assert notification.read_at is None

    def test_pages_need_signing_in(self, client):
        response = client.get(reverse("notification_list"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


class TestOrders:
    def _submitted(self, school, curator) -> Order:
        order = order_draft(organisation=school, kind=Order.Kind.FREE, actor=curator)
        order = order_update(order=order, title="О дежурстве", preamble="", items=["Назначить"])
        return order_submit(order=order)

    def test_approval_notifies_the_author(self, school, curator, director):
        order = order_approve(order=self._submitted(school, curator), actor=director)
        [notification] = Notification.objects.all()
        assert notification.user == curator
        assert notification.organisation == school
        assert notification.url == reverse("order_detail", args=[order.pk])
        assert notification.text == (
            f"Утверждён документ «О дежурстве»: № {order.registration_number} "
            f"от {order.signed_on:%d.%m.%Y}."
        )

    def test_return_notifies_the_author(self, school, curator, director):
        order_return(order=self._submitted(school, curator), comment="Срок?", actor=director)
        [notification] = Notification.objects.all()
        assert notification.user == curator
        assert notification.text == "Возвращён на доработку документ «О дежурстве»."

    def test_the_director_approving_their_own_order_is_not_notified(self, school, director):
        order_approve(order=self._submitted(school, director), actor=director)
        assert not Notification.objects.exists()

    def test_text_is_russian_whatever_the_directors_language(self, school, curator, director):
        from django.utils import translation

        with translation.override("en"):
            order_return(order=self._submitted(school, curator), comment="Срок?", actor=director)
        assert Notification.objects.get().text.startswith("Возвращён на доработку документ")
