"""Application pages, included under /support/."""

from django.urls import path

from support.views import applications as views

app_name = "support_applications"

urlpatterns = [
    path("applications/", views.application_list, name="list"),
    path("applications/new/", views.application_new, name="new"),
    path("applications/<int:pk>/", views.application_detail, name="detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="edit"),
    path("applications/<int:pk>/transition/", views.application_transition, name="transition"),
    path("applications/<int:pk>/documents/<int:doc_pk>/", views.application_document, name="document"),
]
