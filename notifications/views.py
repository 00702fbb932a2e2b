"""Pages: the list of one's notifications, mark read, preferences, and the unsubscribe link."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.pages import bad_request, bound, form_errors_from, safe_next
from notifications import selectors, services
from notifications.forms import PreferencesForm
from notifications.registry import kind_get

PAGE_SIZE = 20


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notification_list_for_user(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/list.html", {"page": page, "notifications": page.object_list})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(selectors.notification_list_for_user(user=request.user), pk=pk)
    services.notification_mark_read(notification=notification, user=request.user)
    return redirect(safe_next(request, reverse("notifications:list")))


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked read.") if count else _("Nothing was unread."))
    return redirect(safe_next(request, reverse("notifications:list")))


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(bound(request), rows=selectors.notification_preference_rows(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_preferences_set_many(user=request.user, choices=form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


# A mail client's one-click unsubscribe (RFC 8058) POSTs without a CSRF token or a session; the
# signed token in the address is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    read = services.unsubscribe_token_read(token=token)
    user = get_user_model().objects.filter(pk=read[0]).first() if read else None
    spec = kind_get(read[1]) if read else None
    if user is None or spec is None:
        return bad_request(
            request,
            _("This unsubscribe link is not valid: it may have been cut short or changed. Nothing was changed."),
            back=reverse("portal:home"),
        )
    if request.method == "POST":
        services.notification_unsubscribe(user=user, kind=spec.code)
        return render(request, "notifications/unsubscribed.html", {"kind": spec, "email": user.email})
    return render(request, "notifications/unsubscribe.html", {"kind": spec, "email": user.email})
