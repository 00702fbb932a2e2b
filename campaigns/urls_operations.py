"""The operations page, included under /operations/."""

from django.urls import path

from campaigns.views import operations as views

app_name = "campaigns_operations"

urlpatterns = [
    path("", views.operations_page, name="page"),
]
