"""Error pages: JSON under /api/, the site's own pages elsewhere."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from django.views.defaults import server_error as html_server_error

from accounts.verification import REFUSAL_CODE, VerificationRequired


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"message": _("Not found."), "code": "not_found", "errors": {}}, status=404)
    return page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(
            {"message": _("Server error."), "code": "server_error", "errors": {}},
            status=500,
        )
    return html_server_error(request)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    """403: a buyer whose company is not verified is told its status and what happens next."""
    notice = exception.notice if isinstance(exception, VerificationRequired) else None
    if _is_api(request):
        message = notice.message if notice else _("You may not make this change.")
        code = REFUSAL_CODE if notice else "permission_denied"
        return JsonResponse({"message": message, "code": code, "errors": {}}, status=403)
    return render(request, "403.html", {"verification": notice}, status=403)
