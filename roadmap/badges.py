"""How an activity's status looks on every page: a badge colour each."""

from .models import Activity

ACTIVITY_CLASSES = {
    Activity.Status.PLANNED: "text-bg-light border",
    Activity.Status.IN_PROGRESS: "text-bg-primary",
    Activity.Status.DONE: "text-bg-success",
}
