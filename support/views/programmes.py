"""Programme pages: the public list of calls (open first, with their deadlines on the
programme's own clock and in words, then upcoming and recently closed), a programme's page,
and agency admins' dashboard and CSV export of its applications. An unpublished programme is
not found for anyone but agency admins; the dashboard and export are refused to others."""

from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from core.csv import csv_lines
from core.display import format_list, moment_label
from festivals.enums import FestivalTier
from festivals.zones import zone_named
from support.enums import DocumentKind
from support.forms_programmes import ProgrammeFilterForm
from support.models import Programme
from support.selectors import programme_budget_figures, programme_with_budget
from support.selectors import programmes as selectors


def time_left(moment: datetime, now: datetime) -> str:
    """How long until ``moment`` in the largest whole unit: "12 days", "5 hours", "1 minute"."""
    seconds = max((moment - now).total_seconds(), 60)
    if seconds >= 86_400:
        n = int(seconds // 86_400)
        return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}
    if seconds >= 3_600:
        n = int(seconds // 3_600)
        return ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}
    n = int(seconds // 60)
    return ngettext("%(n)d minute", "%(n)d minutes", n) % {"n": n}


def programme_describe(programme: Programme, *, now: datetime) -> Programme:
    """What the pages show of a call: its window on the programme's clock, and in words how
    long until it opens or closes."""
    zone = zone_named(programme.time_zone)
    programme.opens_label = moment_label(programme.opens_at, zone)
    programme.closes_label = moment_label(programme.closes_at, zone)
    programme.is_open = selectors.programme_is_open(programme, now=now)
    programme.closes_in = time_left(programme.closes_at, now) if programme.closes_at > now else ""
    programme.opens_in = time_left(programme.opens_at, now) if programme.opens_at > now else ""
    return programme


def _programme_or_404(request: HttpRequest, pk: int, *, budget: bool = False) -> Programme:
    programmes = selectors.programme_list_visible_to(user=request.user)
    if budget:
        programmes = programme_with_budget(programmes)
    programme = programmes.filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    """Open calls closing soonest first, then upcoming ones, then those closed lately."""
    form = ProgrammeFilterForm(request.GET or None)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    now = timezone.now()
    sections = {
        "open_calls": selectors.programme_list_open(now=now, kind=kind),
        "upcoming": selectors.programme_list_upcoming(now=now, kind=kind),
        "closed": selectors.programme_list_recently_closed(now=now, kind=kind),
    }
    context = {name: [programme_describe(p, now=now) for p in rows] for name, rows in sections.items()}
    return render(
        request,
        "support/programmes_list.html",
        {**context, "form": form, "filtered": bool(kind), "may_manage": request.user.has_perm("support.add_programme")},
    )


def programme_eligibility(programme: Programme) -> list[str]:
    """The programme's eligibility rules in plain words."""
    rules = []
    if programme.requires_published_film:
        rules.append(_("The film is published in the portal's catalogue."))
    if programme.min_festival_tier:
        tiers = [value for value in FestivalTier.values if value <= programme.min_festival_tier]
        rules.append(
            _("The festival is of tier %(tiers)s.") % {"tiers": format_list(tiers)}
            if len(tiers) > 1
            else _("The festival is of tier %(tier)s.") % {"tier": tiers[0]}
        )
    rules.append(_("The application is submitted while the call is open."))
    return rules


@require_GET
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_describe(_programme_or_404(request, pk, budget=True), now=timezone.now())
    labels = dict(DocumentKind.choices)
    return render(
        request,
        "support/programmes_detail.html",
        {
            "programme": programme,
            "figures": programme_budget_figures(programme=programme),
            "criteria": list(programme.criteria.all()),
            "documents": [labels.get(kind, kind) for kind in programme.required_documents],
            "eligibility": programme_eligibility(programme),
            "may_apply": programme.is_open and request.user.has_perm("support.apply"),
            "may_manage": request.user.has_perm("support.view_programme_dashboard"),
        },
    )


def _admin_programme(request: HttpRequest, pk: int, *, budget: bool = False) -> Programme:
    programme = _programme_or_404(request, pk, budget=budget)
    if not request.user.has_perm("support.view_programme_dashboard"):
        raise PermissionDenied(_("Only agency admins see a programme's dashboard."))
    return programme


@login_required
@require_GET
def programme_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_describe(_admin_programme(request, pk, budget=True), now=timezone.now())
    return render(
        request,
        "support/programmes_dashboard.html",
        {"programme": programme, "dashboard": selectors.programme_dashboard(programme=programme)},
    )


@login_required
@require_GET
def programme_export(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The programme's applications with scores and decisions, as CSV (streamed)."""
    programme = _admin_programme(request, pk)
    return StreamingHttpResponse(
        csv_lines(selectors.programme_export_rows(programme=programme)),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="programme-{programme.pk}-applications.csv"'},
    )
