"""Programme pages, mounted under /support/: the public list of calls, a programme's page, and
agency admins' dashboard and CSV export."""

from django.urls import path

from support.views import programmes as views

app_name = "support_programmes"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("programmes/<int:pk>/", views.programme_detail, name="detail"),
    path("programmes/<int:pk>/dashboard/", views.programme_dashboard, name="dashboard"),
    path("programmes/<int:pk>/applications.csv", views.programme_export, name="export"),
]
