import zoneinfo

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _


class UserTimezoneMiddleware:
    """Shows times in the signed-in user's own time zone; everything is stored in UTC."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        tz_name = getattr(getattr(request, "user", None), "time_zone", "") or ""
        try:
            timezone.activate(zoneinfo.ZoneInfo(tz_name)) if tz_name else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY`` on every response:
    ``{"camera": []}`` becomes ``camera=()``, switching the feature off for every origin."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


def _nul_field(request: HttpRequest) -> str | None:
    """The name of the first address part or form field holding a NUL character, if any."""
    if "\x00" in request.path:
        return "path"
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return key.replace("\x00", "") or "query"
    return None


def _nul_form_field(request: HttpRequest) -> str | None:
    for key, values in request.POST.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return key.replace("\x00", "") or "form"
    return None


class RefuseNulCharactersMiddleware:
    """Answers 400 to a request whose query string or form fields hold a NUL character, and 404
    to one whose path does (no page or object has such an address).

    PostgreSQL refuses NUL in text, so such a value reaching a query (a search, a filter, a
    choice field that looks rows up by slug) would answer 500. Refused here once, for every
    page, the back office and the API; JSON bodies are checked by ``core.parsers`` and form
    fields by Django's and DRF's own ``CharField`` too. Uploaded files are not text and are
    not read here.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = _nul_field(request)
        if field is None and request.method == "POST" and _is_form(request):
            field = _nul_form_field(request)
        if field == "path":
            if request.path.startswith("/api/"):
                return JsonResponse({"message": _("Not found."), "code": "not_found", "errors": {}}, status=404)
            raise Http404(_("No page has this address."))
        if field is not None:
            return _refusal(request, field)
        return self.get_response(request)


def _is_form(request: HttpRequest) -> bool:
    content_type = request.content_type or ""
    return content_type in ("application/x-www-form-urlencoded", "multipart/form-data")


def _refusal(request: HttpRequest, field: str) -> HttpResponse:
    message = _("%(field)s: text may not contain NUL characters.") % {"field": field}
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "message": _("Invalid input: %(fields)s.") % {"fields": field},
                "code": "invalid",
                "errors": {field: [_("Text may not contain NUL characters.")]},
            },
            status=400,
        )
    return HttpResponseBadRequest(render_to_string("bad_request.html", {"message": message}, request=request))
