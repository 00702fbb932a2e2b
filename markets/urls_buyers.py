"""Buyer pages, included under /markets/ beside the directory's and participation's."""

from django.urls import path

from markets.views import buyers as views

app_name = "market_buyers"

urlpatterns = [
    path("buyers/", views.buyer_list, name="list"),
    path("buyers/<int:pk>/", views.buyer_detail, name="detail"),
    path("buyers/<int:pk>/profile/", views.buyer_profile_edit, name="edit"),
    path("buyers/for-film/<int:film_pk>/", views.film_buyers, name="film"),
]
