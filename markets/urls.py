from django.urls import path

from markets.views import directory

app_name = "markets"

urlpatterns = [
    path("", directory.market_list, name="directory"),
    path("<int:pk>/", directory.market_detail, name="market_detail"),
]
