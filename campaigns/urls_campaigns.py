from django.urls import path

from campaigns.views import campaigns as views

app_name = "campaigns_campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_new, name="new"),
    path("approvals/", views.campaign_approvals, name="approvals"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("<int:pk>/transition/", views.campaign_transition, name="transition"),
]
