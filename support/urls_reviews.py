"""Review pages, included under /support/."""

from django.urls import path

from support.views import reviews as views

app_name = "support_reviews"

urlpatterns = [
    path("reviews/", views.review_list, name="list"),
    path("reviews/<int:pk>/", views.review_detail, name="detail"),
    path("applications/<int:pk>/reviewers/", views.application_reviewers, name="assign"),
    path("programmes/<int:pk>/ranking/", views.programme_ranking, name="ranking"),
]
