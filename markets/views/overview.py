"""The agency admins' overview of a market edition."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.rules import is_agency_admin
from markets import selectors
from markets.models import MarketEdition


@login_required
@require_GET
def edition_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """Participants, pavilion, films, screenings with their fill rate, meetings held and deals
    signed with their totals by currency, for one edition."""
    if not is_agency_admin(request.user):
        raise PermissionDenied
    edition = get_object_or_404(MarketEdition.objects.select_related("market"), pk=pk)
    return render(request, "markets/edition_overview.html", {"overview": selectors.edition_overview(edition=edition)})
