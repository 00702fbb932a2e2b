from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
]
