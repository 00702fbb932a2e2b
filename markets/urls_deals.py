"""Deal pages, included under /markets/ beside the directory's."""

from django.urls import path

from markets.views import deals as views

app_name = "market_deals"

urlpatterns = [
    path("deals/", views.deal_list, name="list"),
    path("deals/<int:pk>/", views.deal_detail, name="detail"),
    path("deals/<int:pk>/transition/", views.deal_transition, name="transition"),
    path("deals/<int:pk>/edit/", views.deal_edit, name="edit"),
    path("deals/offer/<int:film_pk>/", views.deal_offer, name="offer"),
    path("deals/record/<int:film_pk>/", views.deal_record, name="record"),
]
