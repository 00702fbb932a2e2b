"""Participation and national pavilion pages, included under /markets/ beside the directory's."""

from django.urls import path

from markets.views import participation as views

app_name = "market_participation"

urlpatterns = [
    path("participations/", views.participation_mine, name="mine"),
    path("participations/new/", views.participation_create, name="create"),
    path("participations/<int:pk>/edit/", views.participation_edit, name="edit"),
    path("participations/<int:pk>/transition/", views.participation_transition, name="transition"),
    path("pavilion/<int:edition_pk>/", views.pavilion_detail, name="pavilion"),
    path("pavilion/<int:edition_pk>/apply/", views.pavilion_apply, name="pavilion_apply"),
    path(
        "pavilion/applications/<int:pk>/transition/",
        views.pavilion_application_transition,
        name="pavilion_application_transition",
    ),
]
