"""The project's URLs plus the benchmark's stand-in catalogue and floor endpoint; used only while
``bench`` runs (in process, and by its gunicorn through ``portal.bench.settings``)."""

from django.urls import path

from portal.bench import views
from portal.urls import handler404, handler500
from portal.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("bench/catalogue/", views.catalogue, name="bench-catalogue"),
    path("bench/floor/<slug:key>/", views.floor, name="bench-floor"),
    *project_urlpatterns,
]

__all__ = ["handler404", "handler500", "urlpatterns"]
