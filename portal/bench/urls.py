"""The project's URLs plus the benchmark's stand-in catalogue; used only while ``bench`` runs."""

from django.urls import path

from portal.bench import views
from portal.urls import handler404, handler500
from portal.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("bench/catalogue/", views.catalogue, name="bench-catalogue"), *project_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
