"""Application pages, included under /support/."""

from django.urls import path

from support.views import applications as views

app_name = "support_applications"

urlpatterns = [
    path("applications/<int:pk>/", views.application_detail, name="detail"),
]
