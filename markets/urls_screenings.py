"""Market screening pages, included under /markets/ beside the directory's."""

from django.urls import path

from markets.views import screenings as views

app_name = "market_screenings"

urlpatterns = [
    path("screenings/mine/", views.screenings_mine, name="mine"),
    path("screenings/edition/<int:edition_pk>/", views.screening_schedule, name="schedule"),
    path("screenings/edition/<int:edition_pk>/new/", views.screening_create, name="create"),
    path("screenings/<int:pk>/", views.screening_detail, name="detail"),
    path("screenings/<int:pk>/edit/", views.screening_edit, name="edit"),
    path("screenings/<int:pk>/transition/", views.screening_transition, name="transition"),
    path("screenings/<int:pk>/reserve/", views.screening_reserve, name="reserve"),
    path("screenings/<int:pk>/unreserve/", views.screening_unreserve, name="unreserve"),
]
