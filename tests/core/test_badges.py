"""Status colours: each app registers its own; the filter reads them."""

from django.template import Context, Template

from core.badges import GREY
from mentoring.models import MenteeEntry, MentoringPair, StaffImport


def _render(obj) -> str:
    return Template("{% load badges %}{{ obj|badge_class }}").render(Context({"obj": obj}))


def test_the_colour_the_owning_app_registered():
    assert _render(MentoringPair(status=MentoringPair.Status.ACTIVE)) == "text-bg-success"
    assert _render(MenteeEntry(status=MenteeEntry.Status.WITHDRAWN)) == "text-bg-dark"


def test_a_status_without_a_colour_is_grey():
    assert _render(StaffImport(status=StaffImport.Status.PREVIEW)) == GREY
