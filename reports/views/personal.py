"""The orders that name the signed-in person, for them to read and download."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..models import Order


@require_GET
def my_orders(request):
    orders = (
        Order.objects.filter(people__user=request.user, status=Order.Status.APPROVED)
        .select_related("organisation")
        .order_by("-signed_on", "-number")
    )
    return render(request, "reports/my_orders.html", {"orders": orders})
