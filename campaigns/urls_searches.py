from django.urls import path

from campaigns.views import searches as views

app_name = "campaigns_searches"

urlpatterns = [
    path("", views.saved_search_list, name="list"),
    path("save/", views.saved_search_save, name="save"),
    path("<int:pk>/open/", views.saved_search_open, name="open"),
    path("<int:pk>/rename/", views.saved_search_rename, name="rename"),
    path("<int:pk>/delete/", views.saved_search_delete, name="delete"),
]
