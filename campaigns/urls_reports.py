"""A campaign's report page and the redirects that count its links, under /campaigns/."""

from django.urls import path

from campaigns.views import reports as views

app_name = "campaigns_reports"

urlpatterns = [
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/open/", views.open_message, name="open"),
    path("go/<str:token>/", views.click, name="click"),
]
