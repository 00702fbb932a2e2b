from django.urls import path

from campaigns.views import reminders as views

app_name = "campaigns_reminders"

urlpatterns = [
    path("", views.reminder_settings, name="settings"),
]
