from pathlib import Path

from csp.decorators import csp_update
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from accounts.api import MeView, OrganizationViewSet, TokenObtainView
from campaigns.api import register as register_campaigns_api
from core.jobs.api import JobViewSet
from festivals.api import register as register_festivals_api
from films.api import register as register_films_api
from markets.api import register as register_markets_api
from notifications.api import register as register_notifications_api
from portal import views
from support.api import register as register_support_api

admin.site.site_header = _("Go-Global Film Portal back office")
admin.site.site_title = _("Go-Global back office")
admin.site.index_title = _("Agency back office")

router = DefaultRouter()
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("jobs", JobViewSet, basename="job")
register_films_api(router)
register_festivals_api(router)
register_markets_api(router)
register_notifications_api(router)
register_support_api(router)
register_campaigns_api(router)

api_v1 = [
    path("auth/token/", TokenObtainView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
    path("ping/", views.ping, name="ping"),
    *router.urls,
]

portal_patterns = (
    [
        path("", views.home, name="home"),
        path("dashboard/", views.dashboard, name="dashboard"),
    ],
    "portal",
)

urlpatterns = [
    path("", include(portal_patterns)),
    path("accounts/", include("accounts.urls")),
    path("films/", include("films.urls")),
    path("festivals/", include("festivals.urls")),
    path("markets/", include("markets.urls")),
    path("markets/", include("markets.urls_participation")),
    path("markets/", include("markets.urls_screenings")),
    path("markets/", include("markets.urls_buyers")),
    path("markets/", include("markets.urls_deals")),
    path("markets/", include("markets.urls_screeners")),
    path("markets/meetings/", include("markets.urls_meetings")),
    path("support/", include("support.urls_programmes")),
    path("support/", include("support.urls_applications")),
    path("support/", include("support.urls_reviews")),
    path("support/", include("support.urls_payments")),
    path("campaigns/", include("campaigns.urls_campaigns")),
    path("campaigns/", include("campaigns.urls_reports")),
    path("reminders/", include("campaigns.urls_reminders")),
    path("searches/", include("campaigns.urls_searches")),
    path("calendar/", include("campaigns.urls_feeds")),
    path("operations/", include("campaigns.urls_operations")),
    path("notifications/", include("notifications.urls")),
    path("", include("core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        # The split view serves its start-up script from its own address, not inline.
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path(
        "api/redoc/",
        # Redoc writes its styles into <style> elements at run time and renders in a worker.
        csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})(
            SpectacularRedocView.as_view(url_name="api-schema")
        ),
        name="api-redoc",
    ),
]

# Uploaded posters and stills (under films/): served by Django only in development; in production
# by the web server or the S3-compatible store that MEDIA_URL points at (see the README). The
# private uploads beside them (screeners/, verification/) are never served as media.
urlpatterns += static(f"{settings.MEDIA_URL}films/", document_root=Path(settings.MEDIA_ROOT) / "films")

handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.not_found"
handler500 = "portal.errors.server_error"
