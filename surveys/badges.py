"""How an evaluation's level looks on every page: a badge colour each."""

from .models import Response

LEVEL_CLASSES = {
    Response.Level.OPTIMAL: "text-bg-success",
    Response.Level.ACCEPTABLE: "text-bg-warning",
    Response.Level.UNACCEPTABLE: "text-bg-danger",
}
