"""Decision, payment and final report pages, included under /support/."""

from django.urls import path

from support.views import payments as views

app_name = "support_payments"

urlpatterns = [
    path("applications/<int:pk>/decide/", views.application_decide, name="decide"),
    path("applications/<int:pk>/payments/", views.application_payments, name="payment"),
    path("applications/<int:pk>/report/", views.application_report, name="report"),
]
