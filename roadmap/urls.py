from django.urls import path

from .views import editing, excel, roadmap, tasks, timeline

urlpatterns = [
    path("schools/<int:org>/roadmap/", roadmap.roadmap_detail, name="roadmap_detail"),
    path("schools/<int:org>/roadmap/new/", roadmap.roadmap_create, name="roadmap_create"),
    path("schools/<int:org>/roadmap/timeline/", timeline.roadmap_timeline, name="roadmap_timeline"),
    path("schools/<int:org>/roadmap/export.xlsx", excel.roadmap_export, name="roadmap_export"),
    path("schools/<int:org>/roadmap/import/", excel.roadmap_import, name="roadmap_import"),
    path("schools/<int:org>/roadmap/pdf/", roadmap.roadmap_pdf, name="roadmap_pdf"),
    path("roadmap/<int:pk>/stages/new/", editing.stage_create, name="stage_create"),
    path("roadmap/stages/<int:pk>/edit/", editing.stage_edit, name="stage_edit"),
    path("roadmap/stages/<int:pk>/delete/", editing.stage_delete, name="stage_delete"),
    path(
        "roadmap/stages/<int:pk>/activities/new/",
        editing.activity_create,
        name="activity_create",
    ),
    path("roadmap/activities/<int:pk>/edit/", editing.activity_edit, name="activity_edit"),
    path("roadmap/activities/<int:pk>/delete/", editing.activity_delete, name="activity_delete"),
    path("roadmap/activities/<int:pk>/move/", editing.activity_move, name="activity_move"),
    path("roadmap/activities/<int:pk>/status/", editing.activity_status, name="activity_status"),
    path(
        "roadmap/activities/<int:pk>/evidence/",
        editing.activity_evidence,
        name="activity_evidence",
    ),
    path("me/tasks/", tasks.my_tasks, name="my_tasks"),
]
