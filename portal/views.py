import logging

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts.enums import BuyerVerificationStatus
from accounts.rules import is_agency_admin
from accounts.selectors import (
    membership_list_for_user,
    organization_list_for_verification,
    organization_verification_counts,
)
from core.slots import dashboard_panels_for
from portal.celery import app as celery_app
from portal.context_processors import navigation
from portal.home import home_catalogue_html

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    # The catalogue part is the same for everyone in a language: rendered once, from the cache.
    return render(request, "portal/home.html", {"catalogue_html": home_catalogue_html()})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    roles = [role for role, held in navigation(request)["nav"].items() if held]
    # Panels other apps add through core's dashboard slot (festivals: submissions, deadlines).
    context = {
        "memberships": membership_list_for_user(user=user),
        "slot_panels": dashboard_panels_for(request, roles=roles),
    }
    if is_agency_admin(user):
        context["verification_stats"] = organization_verification_counts()
        context["pending_buyers"] = organization_list_for_verification(status=BuyerVerificationStatus.PENDING)[:5]
    return render(request, "portal/dashboard.html", context)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("health check: database unreachable")
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.exception("health check: broker unreachable")
        return False


def ping(request: HttpRequest) -> JsonResponse:
    """A bare endpoint through the full middleware stack: the benchmark's yardstick."""
    return JsonResponse({"pong": True})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the broker answer; 503 naming the failing part otherwise."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    body = {name: "ok" if ok else "unavailable" for name, ok in checks.items()}
    body["status"] = "ok" if all(checks.values()) else "unavailable"
    return JsonResponse(body, status=200 if all(checks.values()) else 503)
