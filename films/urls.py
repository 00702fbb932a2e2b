from django.urls import path

app_name = "films"

urlpatterns: list = []
