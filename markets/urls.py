from django.urls import path

from markets.views import directory, overview

app_name = "markets"

urlpatterns = [
    path("", directory.market_list, name="directory"),
    path("<int:pk>/", directory.market_detail, name="market_detail"),
    path("editions/<int:pk>/overview/", overview.edition_overview, name="edition_overview"),
]
