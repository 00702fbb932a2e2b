"""Producers' festival strategy and submissions; agency admins' decisions on submissions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.rules import is_agency_admin, is_producer
from accounts.services import producer_verification_refusals
from core.pages import RefusedTransition, ask_first, bad_request, form_errors_from, transition_page
from core.workflow import audit_notice, audit_timeline
from festivals import selectors, services
from festivals.enums import SUBMISSION_TRANSITIONS, FestivalTier, SubmissionStatus
from festivals.forms import SubmissionForm
from festivals.models import Submission
from films.selectors import film_list_of_user_organizations

LIST_PAGE_SIZE = 50
DRAFT_DELETE_CONSEQUENCE = gettext_lazy(
    "The draft and its notes are deleted for good. Nothing was sent to the festival, so the festival is not told."
)
FOLLOWED_DEADLINES_SHOWN = 20
# The decisions page's tabs: what the festival has in hand first.
DECISION_TABS = (
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.UNDER_REVIEW,
    SubmissionStatus.SELECTED,
    SubmissionStatus.NOT_SELECTED,
    SubmissionStatus.AWARDED,
)


def _require_producer(request: HttpRequest) -> None:
    if not is_producer(request.user):
        raise PermissionDenied


def _with_moves(request: HttpRequest, submissions) -> list[Submission]:
    rows = list(submissions)
    selectors.submission_list_attach_screening_facts(rows)
    for submission in rows:
        choices = SUBMISSION_TRANSITIONS.choices_for(obj=submission, user=request.user)
        submission.moves, submission.blocked = choices.allowed, choices.blocked
    return rows


def _submission_or_404(request: HttpRequest, pk: int) -> Submission:
    submission = (
        selectors.submission_list_visible_to(user=request.user)
        .select_related("film", "organization", "section__edition__festival")
        .filter(pk=pk)
        .first()
    )
    if submission is None:
        raise Http404
    return submission


# --- Producers --------------------------------------------------------------------------


@login_required
@require_GET
def strategy(request: HttpRequest) -> HttpResponse:
    """All the producer's submissions with status, fees and results; fees per year; the
    deadlines of the festivals they follow."""
    _require_producer(request)
    user = request.user
    page = Paginator(selectors.submission_list_for_strategy(user=user), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    followed = list(selectors.festival_list_followed_by(user=user))
    deadlines = (
        list(selectors.deadline_list_upcoming(after=timezone.now(), festivals=followed)[:FOLLOWED_DEADLINES_SHOWN])
        if followed
        else []
    )
    for festival in followed:
        festival.followed = True
    submissions = _with_moves(request, page)
    now = timezone.now()
    for submission in submissions:
        if submission.status == SubmissionStatus.DRAFT:  # when a draft must go, at what fee
            submission.next_deadline = selectors.deadline_applying(edition=submission.section.edition, at=now)
    return render(
        request,
        "festivals/strategy.html",
        {
            "page": page,
            "submissions": submissions,
            "fees": selectors.fees_per_year(user=user),
            "followed": followed,
            "deadlines": deadlines,
            "summary": selectors.submission_status_summary(user=user),
            "has_films": film_list_of_user_organizations(user=user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def submission_create(request: HttpRequest) -> HttpResponse:
    """Choose a film and a section, see whether it may go and at what fee, then save a draft
    or submit at once. Arriving with ``?film=…&section=…`` checks at once.

    Submitting an ineligible film answers 400 with every reason, and saves nothing.
    """
    if not request.user.has_perm("festivals.add_submission"):
        raise PermissionDenied
    films = film_list_of_user_organizations(user=request.user).order_by("title_en", "id")
    if request.method == "POST":
        form = SubmissionForm(request.POST, films=films)
        action = request.POST.get("action", "draft")
    else:
        chosen = bool(request.GET.get("film") and request.GET.get("section"))
        initial = {key: request.GET[key] for key in ("film", "section") if request.GET.get(key, "").isdigit()}
        form = SubmissionForm(request.GET if chosen else None, films=films, initial=initial)
        action = "check"
    reasons = fee = existing = None
    if form.is_bound and form.is_valid():
        now = timezone.now()
        film, section = form.cleaned_data["film"], form.cleaned_data["section"]
        existing = selectors.submission_active_for(film=film, section=section)
        if existing is not None:
            # Eligibility is beside the point once the film is in: say so, and nothing else.
            if action in ("draft", "submit"):
                form.add_error("section", services.submission_duplicate_message())
        else:
            # Every reason the submit move's guards would give: the company's verification, then
            # the film's eligibility.
            reasons = [
                *producer_verification_refusals(organization=film.organization),
                *selectors.submission_eligibility(film=film, section=section, at=now),
            ]
            fee = selectors.deadline_applying(edition=section.edition, at=now)
            if action == "submit" and reasons:
                form.add_error(None, _("This film cannot be submitted to this section, for the reasons listed above."))
            elif action in ("draft", "submit"):
                saved = _create(request, form, submit=action == "submit", reasons=reasons)
                if saved is not None:
                    return redirect("festivals:submission_detail", pk=saved.pk)
    return render(
        request,
        "festivals/submission_form.html",
        {"form": form, "reasons": reasons, "fee": fee, "existing": existing, "has_films": films.exists()},
        status=400 if form.errors else 200,
    )


def _create(request: HttpRequest, form: SubmissionForm, *, submit: bool, reasons: list[str]) -> Submission | None:
    film, section = form.cleaned_data["film"], form.cleaned_data["section"]
    try:
        with transaction.atomic():
            submission = services.submission_create(
                actor=request.user, film=film, section=section, notes=form.cleaned_data["notes"]
            )
            if submit:
                services.submission_transition(submission=submission, to=SubmissionStatus.SUBMITTED, actor=request.user)
    except ValidationError as exc:
        errors = exc.message_dict
        for reason in errors.pop("to", []):  # eligibility changed since it was checked
            form.add_error(None, reason)
        if errors:
            form_errors_from(form, ValidationError(errors))
        return None
    names = {"film": film, "section": section}
    if submit:
        messages.success(request, _("“%(film)s” is submitted to %(section)s.") % names)
    elif reasons:
        messages.warning(
            request,
            _("The draft of “%(film)s” for %(section)s is saved, but the film cannot be submitted yet: %(reasons)s")
            % {**names, "reasons": " ".join(reasons)},
        )
    else:
        messages.success(
            request, _("The draft of “%(film)s” for %(section)s is saved. Submit it when you are ready.") % names
        )
    return submission


def _render_detail(
    request: HttpRequest,
    submission: Submission,
    errors: list[str] | None = None,
    *,
    refused: RefusedTransition | None = None,
    status: int | None = None,
) -> HttpResponse:
    """The submission's page; ``errors`` (a refused deletion) show at the top, ``refused``
    (a refused move) beside the buttons."""
    now = timezone.now()
    choices = SUBMISSION_TRANSITIONS.choices_for(obj=submission, user=request.user)
    context = {
        "submission": submission,
        "moves": choices.allowed,
        "blocked": choices.blocked,
        "transition_refused": refused,
        "events": audit_timeline(obj=submission, table=SUBMISSION_TRANSITIONS),
        "notice": audit_notice(obj=submission, table=SUBMISSION_TRANSITIONS),
        "can_delete": submission.status == SubmissionStatus.DRAFT
        and request.user.has_perm("festivals.delete_submission", submission),
        "deadlines": list(submission.section.edition.deadlines.order_by("closes_at", "id")),
        "now": now,
        "errors": errors or [],
        "delete_consequence": DRAFT_DELETE_CONSEQUENCE,
    }
    if submission.status == SubmissionStatus.DRAFT:
        context["reasons"] = selectors.submission_eligibility(film=submission.film, section=submission.section, at=now)
        context["fee"] = selectors.deadline_applying(edition=submission.section.edition, at=now)
    if status is None:
        status = 400 if errors else 200
    return render(request, "festivals/submission_detail.html", context, status=status)


@login_required
@require_GET
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _submission_or_404(request, pk))


def _award_names(text: str) -> list[str]:
    return [line.strip() for line in text.replace(";", "\n").splitlines() if line.strip()]


@login_required
@require_http_methods(["GET", "POST"])
def submission_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """One move of a submission; an award's names come one a line (in ``awards`` or the note).
    A refused move answers the submission's page (400, reasons beside the buttons), a forbidden
    one 403."""
    submission = _submission_or_404(request, pk)
    return transition_page(
        request,
        obj=submission,
        service=services.submission_transition,
        object_kwarg="submission",
        table=SUBMISSION_TRANSITIONS,
        render_page=lambda *, refused, status: _render_detail(
            request, _submission_or_404(request, pk), refused=refused, status=status
        ),
        done_url=reverse("festivals:submission_detail", args=[submission.pk]),
        extra=_award_input,
    )


def _award_input(request: HttpRequest, cleaned: dict) -> dict:
    """The awards of a move to “awarded”: the ``awards`` field, else the note, one a line (the
    note then stands for them)."""
    if cleaned["to"] != SubmissionStatus.AWARDED:
        return {}
    given = request.POST.get("awards", "")
    if given:
        return {"awards": _award_names(given)}
    return {"awards": _award_names(cleaned["note"]), "note": ""}


@login_required
@require_http_methods(["GET", "POST"])
def submission_delete(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission_or_404(request, pk)
    if not request.user.has_perm("festivals.delete_submission", submission):
        raise PermissionDenied
    if submission.status != SubmissionStatus.DRAFT:
        return _render_detail(request, submission, [_("Only a draft can be deleted; withdraw the submission instead.")])
    question = ask_first(
        request,
        title=_("Delete this draft?"),
        subject=str(submission),
        consequence=str(DRAFT_DELETE_CONSEQUENCE),
        button=_("Delete the draft"),
        back=reverse("festivals:submission_detail", args=[submission.pk]),
    )
    if question is not None:
        return question
    try:
        services.submission_delete(submission=submission, actor=request.user)
    except ValidationError as exc:
        return _render_detail(request, submission, exc.messages)
    messages.success(request, _("The draft of “%(film)s” is deleted.") % {"film": submission.film})
    return redirect("festivals:strategy")


# --- Agency admins ----------------------------------------------------------------------


@login_required
@require_GET
def decisions(request: HttpRequest) -> HttpResponse:
    """Submissions by state, for agency admins to record the festivals' decisions and awards."""
    if not is_agency_admin(request.user):
        raise PermissionDenied
    current = request.GET.get("status") or SubmissionStatus.SUBMITTED
    tier = request.GET.get("tier") or ""
    if current not in DECISION_TABS or (tier and tier not in FestivalTier.values):
        return bad_request(request, _("Choose a status and a tier from the lists."), reverse("festivals:decisions"))
    submissions = selectors.submission_list_for_decisions(status=current, tier=tier or None)
    page = Paginator(submissions, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.submission_status_counts(user=request.user)
    return render(
        request,
        "festivals/decisions.html",
        {
            "page": page,
            "submissions": _with_moves(request, page),
            "tabs": [(status, SubmissionStatus(status).label, counts.get(status, 0)) for status in DECISION_TABS],
            "current": current,
            "tier": tier,
            "tiers": FestivalTier.choices,
        },
    )
