"""Campaign pages: a user's campaigns (producers: their companies'; agency admins: all), starting
and changing a draft (with a count of the buyers its segment reaches before it is saved), a
campaign's page (facts, films, the segment in words, the recipient count, its moves, the notice
and the timeline) and agency admins' approval queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.enums import PRODUCER_KINDS, BuyerType
from accounts.models import Organization
from accounts.rules import is_agency_admin, memberships_of
from campaigns import selectors, services
from campaigns.enums import CAMPAIGN_TRANSITIONS, EDITABLE_CAMPAIGN_STATES, CampaignStatus
from campaigns.forms_campaigns import CampaignFilterForm, CampaignForm
from campaigns.models import Campaign
from campaigns.selectors.campaigns import campaign_next_step
from campaigns.services.campaigns import campaign_check, campaign_film_choices, campaign_segment_clean
from core.display import for_reader, format_list
from core.pages import bound, form_errors_beside, form_errors_from, transition_page
from core.workflow import audit_notice, audit_timeline
from films.selectors import genre_rows
from films.territories import territory_list

_C = CampaignStatus
LIST_MAX = 200
FILM_CHOICES_MAX = 300
# Before these states the count is the segment's now; from scheduling on, the snapshot taken then.
LIVE_COUNT_STATES = (_C.DRAFT, _C.SUBMITTED, _C.APPROVED)


def _detail_url(campaign: Campaign) -> str:
    return reverse("campaigns_campaigns:detail", args=[campaign.pk])


def _campaign_or_404(request: HttpRequest, pk: int) -> Campaign:
    campaign = selectors.campaign_detail_for(user=request.user, pk=pk)
    if campaign is None:
        raise Http404
    return campaign


def segment_words(*, buyer_types, territories, genres) -> dict[str, str]:
    """The segment as a reader says it, each part "any" when open."""
    types = dict(BuyerType.choices)
    names = {row.slug: for_reader(row.name_en, row.name_zh) for row in genre_rows()}
    return {
        "buyer_types": format_list(str(types.get(t, t)) for t in buyer_types) or _("Any type"),
        "territories": territory_list(territories) if territories else _("Anywhere"),
        "genres": format_list(names.get(g, g) for g in genres) or _("Any genre"),
    }


# --- List and queue ------------------------------------------------------------------------------


@login_required
@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("campaigns.list_campaigns"):
        raise PermissionDenied(_("Promotion campaigns are for producers and the agency."))
    form = CampaignFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    campaigns = selectors.campaign_list_visible_to(user=request.user)
    if status:
        campaigns = campaigns.filter(status=status)
    rows = list(campaigns[:LIST_MAX])
    for campaign in rows:
        campaign.next_step = campaign_next_step(campaign)
    return render(
        request,
        "campaigns/campaigns_list.html",
        {
            "campaigns": rows,
            "form": form,
            "may_create": request.user.has_perm("campaigns.create_campaign"),
            "may_approve": request.user.has_perm("campaigns.approve_campaign"),
        },
    )


@login_required
@require_GET
def campaign_approvals(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("campaigns.approve_campaign"):
        raise PermissionDenied(_("Only agency admins approve campaigns."))
    rows = list(selectors.campaign_list_awaiting_approval()[:LIST_MAX])
    return render(request, "campaigns/campaigns_approvals.html", {"campaigns": rows})


# --- New and edit --------------------------------------------------------------------------------


def _producer_companies(user) -> list[Organization]:
    own = [pk for pk, info in memberships_of(user).items() if info.kind in PRODUCER_KINDS]
    return list(Organization.objects.filter(pk__in=own).order_by("name", "pk")) if own else []


def _film_choices(organization_ids: list[int] | None, selected=()) -> list:
    """Published films a campaign may promote: the companies' (None: any, for the agency), and the
    films already chosen."""
    films = campaign_film_choices(organization_id=None)
    if organization_ids is not None:
        films = films.filter(organization_id__in=organization_ids)
    rows = list(films.order_by("title_en", "pk")[:FILM_CHOICES_MAX])
    shown = {film.pk for film in rows}
    rows += [film for film in selected if film.pk not in shown]
    return rows


def _preview(form: CampaignForm) -> dict | None:
    """The recipients the form's segment reaches, or None (with the errors on the form)."""
    data = {name: form.data.getlist(name) for name in ("buyer_types", "genres")}
    data["territories"] = form.data.get("territories", "")
    segment, errors = campaign_segment_clean(data=data)
    form.is_valid()
    if errors:
        form_errors_from(form, ValidationError(errors))
        return None
    return selectors.campaign_recipients(**segment)


def _errors_beside(form: CampaignForm, *, campaign: Campaign | None, organization_id: int | None) -> None:
    """The service's rules, run on what did parse, reported with the form's own errors in one pass."""
    data = {name: value for name, value in form.cleaned_data.items() if name != "organization"}
    if campaign is None:
        organization_id = form.cleaned_data.get("organization") or organization_id
    _values, _films, errors = campaign_check(data=data, campaign=campaign, organization_id=organization_id)
    form_errors_beside(form, errors)


def _form_page(request, template: str, context: dict, *, status: int = 200) -> HttpResponse:
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request: HttpRequest) -> HttpResponse:
    """Start a campaign: producers for their company (choosing one when they have several),
    agency admins for the agency."""
    user = request.user
    if not user.has_perm("campaigns.create_campaign"):
        raise PermissionDenied(_("Only producers and the agency run campaigns."))
    agency = is_agency_admin(user)
    companies = [] if agency else _producer_companies(user)
    films = _film_choices(None if agency else [org.pk for org in companies])
    form = CampaignForm(
        bound(request),
        films=films,
        organizations=companies if len(companies) > 1 else None,
        initial={"by_email": True, "in_app": True},
    )
    preview = None
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "count":
            preview = _preview(form)
            status = 200 if preview is not None else 400
        elif form.is_valid():
            organization = form.cleaned_data.get("organization") if len(companies) > 1 else None
            try:
                campaign = services.campaign_create(actor=user, organization=organization, data=form.service_data())
            except ValidationError as exc:
                form_errors_from(form, exc)
                status = 400
            else:
                messages.success(request, _("The campaign is saved as a draft."))
                return redirect(_detail_url(campaign))
        else:
            own = companies[0].pk if len(companies) == 1 else None
            _errors_beside(form, campaign=None, organization_id=None if agency else own)
            status = 400
    return _form_page(
        request, "campaigns/campaigns_form.html", {"form": form, "campaign": None, "preview": preview}, status=status
    )


def _initial(campaign: Campaign) -> dict:
    return {
        "name": campaign.name,
        "subject_en": campaign.subject_en,
        "subject_zh": campaign.subject_zh,
        "message_en": campaign.message_en,
        "message_zh": campaign.message_zh,
        "films": [film.pk for film in campaign.films.all()],
        "buyer_types": campaign.buyer_types,
        "territories": ", ".join(campaign.territories),
        "genres": campaign.genres,
        "by_email": campaign.by_email,
        "in_app": campaign.in_app,
        "featured_from": campaign.featured_from,
        "featured_until": campaign.featured_until,
        "send_at": campaign.send_at,
    }


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign_or_404(request, pk)
    if not request.user.has_perm("campaigns.change_campaign", campaign):
        raise PermissionDenied(_("You may not change this campaign."))
    if campaign.status not in EDITABLE_CAMPAIGN_STATES:
        raise PermissionDenied(_("Only a draft campaign can be changed."))
    owners = None if campaign.organization_id is None else [campaign.organization_id]
    films = _film_choices(owners, selected=list(campaign.films.all()))
    form = CampaignForm(bound(request), films=films, initial=_initial(campaign))
    preview = None
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "count":
            preview = _preview(form)
            status = 200 if preview is not None else 400
        elif form.is_valid():
            try:
                services.campaign_update(actor=request.user, campaign=campaign, data=form.service_data())
            except ValidationError as exc:
                form_errors_from(form, exc)
                status = 400
            else:
                messages.success(request, _("The campaign is saved."))
                return redirect(_detail_url(campaign))
        else:
            _errors_beside(form, campaign=campaign, organization_id=campaign.organization_id)
            status = 400
    return _form_page(
        request,
        "campaigns/campaigns_form.html",
        {"form": form, "campaign": campaign, "preview": preview},
        status=status,
    )


# --- Detail and moves ------------------------------------------------------------------------------


def _detail(request: HttpRequest, campaign: Campaign, *, status: int = 200, refused=None) -> HttpResponse:
    user = request.user
    choices = CAMPAIGN_TRANSITIONS.choices_for(obj=campaign, user=user)
    live = campaign.status in LIVE_COUNT_STATES
    notice = audit_notice(obj=campaign, table=CAMPAIGN_TRANSITIONS)
    if notice is not None and not notice.from_state:
        notice = None  # a draft's creation, not a return for changes
    context = {
        "campaign": campaign,
        "films": list(campaign.films.all()),
        "segment": segment_words(
            buyer_types=campaign.buyer_types, territories=campaign.territories, genres=campaign.genres
        ),
        "preview": selectors.campaign_recipients_of(campaign=campaign) if live else None,
        "next_step": campaign_next_step(campaign),
        "may_edit": campaign.status in EDITABLE_CAMPAIGN_STATES
        and user.has_perm("campaigns.change_campaign", campaign),
        "notice": notice,
        "events": audit_timeline(obj=campaign, table=CAMPAIGN_TRANSITIONS),
        "moves": choices.allowed,
        "blocked": choices.blocked,
        "transition_refused": refused,
    }
    return render(request, "campaigns/campaigns_detail.html", context, status=status)


@login_required
@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _campaign_or_404(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def campaign_transition(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign_or_404(request, pk)
    return transition_page(
        request,
        obj=campaign,
        service=services.campaign_transition,
        object_kwarg="campaign",
        table=CAMPAIGN_TRANSITIONS,
        render_page=lambda *, refused, status: _detail(request, campaign, status=status, refused=refused),
        done_url=_detail_url(campaign),
        note_label=_("Note (the company reads it)"),
    )
