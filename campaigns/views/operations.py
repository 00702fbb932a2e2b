"""The operations page for agency admins: the queue of e-mails and campaigns at a glance."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from campaigns.selectors.operations import operations_overview


@login_required
@require_GET
def operations_page(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("campaigns.view_operations"):
        raise PermissionDenied
    now = timezone.now()
    return render(request, "campaigns/operations_page.html", {**operations_overview(now=now), "now": now})
