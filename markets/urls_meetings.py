"""Meeting pages, included under /markets/meetings/."""

from django.urls import path

from markets.views import meetings as views

app_name = "market_meetings"

urlpatterns = [
    path("", views.meeting_mine, name="mine"),
    path("new/", views.meeting_create, name="create"),
    path("buyers/", views.meeting_buyers, name="buyers"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/transition/", views.meeting_transition, name="transition"),
    path("<int:pk>/invitation.ics", views.meeting_ics, name="ics"),
]
