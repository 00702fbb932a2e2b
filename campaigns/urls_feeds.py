"""The calendar feed, included under /calendar/."""

from django.urls import path

from campaigns.views import feeds as views

app_name = "campaigns_feeds"

urlpatterns = [
    path("", views.feed_page, name="page"),
    path("rotate/", views.feed_rotate, name="rotate"),
    path("revoke/", views.feed_revoke, name="revoke"),
    path("<str:token>.ics", views.feed_ics, name="ics"),
]
