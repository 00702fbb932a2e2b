"""Hosted screener pages, included under /markets/ beside the directory's."""

from django.urls import path

from markets.views import screeners as views

app_name = "market_screeners"

urlpatterns = [
    path("screeners/", views.screener_mine, name="mine"),
    path("screeners/films/", views.screener_films, name="films"),
    path("screeners/films/<int:pk>/", views.screener_film, name="film"),
    path("screeners/grants/<int:pk>/watch/", views.screener_watch, name="watch"),
    path("screeners/grants/<int:pk>/video/", views.screener_video, name="video"),
    path("screeners/grants/<int:pk>/open/", views.screener_open, name="open"),
    path("screeners/grants/<int:pk>/revoke/", views.screener_revoke, name="revoke"),
    path("screeners/plays/<int:pk>/progress/", views.screener_progress, name="progress"),
]
