"""Review pages: a reviewer's assignments (agency admins: all, with filters), one review (the
application's facts a reviewer needs, the declaration, then the score sheet), the admins' page
to assign and unassign an application's reviewers, and a programme's ranked list.

Scores are commercial facts: only agency admins and the reviewer of a review see them. Blind
review hides the applicant company from reviewers (``support.see_applicant``)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from accounts.rules import is_agency_admin
from core.pages import form_errors_from, safe_next
from support import services
from support.enums import REVIEWABLE_STATES
from support.forms_reviews import ReviewAssignForm, ReviewDeclareForm, ReviewScoreForm
from support.models import Application, Programme, Review
from support.selectors import reviews as selectors

LIST_PAGE_SIZE = 100


def _detail_url(review: Review) -> str:
    return reverse("support_reviews:detail", args=[review.pk])


def _application_url(application: Application) -> str:
    return reverse("support_applications:detail", args=[application.pk])


def _require_list(request: HttpRequest) -> None:
    if not request.user.has_perm("support.list_reviews"):
        raise PermissionDenied(_("Reviews are for the agency's reviewers and admins."))


def _int(value) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


@login_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    """A reviewer's assignments, grouped as they stand; agency admins see every review and may
    narrow by programme, state and reviewer."""
    _require_list(request)
    admin = is_agency_admin(request.user)
    programme = _int(request.GET.get("programme")) if admin else None
    reviewer = _int(request.GET.get("reviewer")) if admin else None
    state = request.GET.get("state", "") if admin else ""
    if state not in selectors.REVIEW_STATES:
        state = ""
    chosen = {"programme": programme, "state": state, "reviewer": reviewer}
    page = Paginator(
        selectors.review_list_filtered(user=request.user, programme=programme, state=state, reviewer=reviewer),
        LIST_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    reviews = list(page.object_list)
    for review in reviews:
        review.state = selectors.review_state(review)
    groups = [
        (
            selectors.STATE_TO_DECLARE,
            _("To declare"),
            _("Declare that you have no conflict of interest before you see the rubric."),
        ),
        (selectors.STATE_TO_SCORE, _("To score"), _("Score each criterion; save a draft or submit.")),
        (selectors.STATE_SUBMITTED, pgettext("review", "Submitted"), ""),
    ]
    return render(
        request,
        "support/reviews_list.html",
        {
            "admin": admin,
            "groups": [
                {"code": code, "heading": heading, "lead": lead, "reviews": [r for r in reviews if r.state == code]}
                for code, heading, lead in groups
            ],
            "programmes": Programme.objects.order_by("-year", "title_en", "pk") if admin else [],
            "chosen": chosen,
            "states": groups,
            "page": page,
            "query": urlencode(
                {k: v for k, v in {"programme": programme, "state": state, "reviewer": reviewer}.items() if v}
            ),
        },
    )


def _review_or_404(request: HttpRequest, pk: int) -> Review:
    _require_list(request)
    review = (
        selectors.review_list_for(user=request.user)
        .select_related("application__submission", "application__participation", "application__proposal", "assigned_by")
        .filter(pk=pk)
        .first()
    )
    if review is None:
        raise Http404
    return review


def _detail(request: HttpRequest, review: Review, *, declare=None, score=None, status: int = 200) -> HttpResponse:
    application = review.application
    own = request.user.pk == review.reviewer_id
    state = selectors.review_state(review)
    reviewable = application.status in REVIEWABLE_STATES
    criteria = selectors.review_criteria(programme_id=application.programme_id)
    if own and state == selectors.STATE_TO_DECLARE and declare is None:
        declare = ReviewDeclareForm()
    if own and state == selectors.STATE_TO_SCORE and reviewable and score is None:
        score = ReviewScoreForm(criteria=criteria, review=review)
    saved = {s.criterion_id: s for s in review.scores.all()}
    return render(
        request,
        "support/reviews_detail.html",
        {
            "review": review,
            "application": application,
            "state": state,
            "own": own,
            "reviewable": reviewable,
            "see_applicant": request.user.has_perm("support.see_applicant", application),
            "budget_lines": list(application.budget_lines.all()),
            "documents": list(application.documents.all()) if state != selectors.STATE_TO_DECLARE or not own else [],
            "declare_form": declare if own and state == selectors.STATE_TO_DECLARE else None,
            "score_form": score if own and state == selectors.STATE_TO_SCORE and reviewable else None,
            "sheet": [(c, saved.get(c.pk)) for c in criteria],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the review. POST ``action=declare`` (the declaration form) or ``action=save`` /
    ``action=submit`` (the score sheet): the reviewer's own review only."""
    review = _review_or_404(request, pk)
    if request.method == "GET":
        return _detail(request, review)
    if request.user.pk != review.reviewer_id:
        raise PermissionDenied(_("Only the assigned reviewer declares and scores this review."))
    action = request.POST.get("action", "")
    if action == "declare":
        form = ReviewDeclareForm(request.POST)
        if form.is_valid():
            try:
                kept = services.review_declare(
                    actor=request.user,
                    review=review,
                    no_conflict=form.cleaned_data["no_conflict"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                if kept is None:
                    messages.success(
                        request, _("You are recused from this review; the agency is told and assigns another reviewer.")
                    )
                    return redirect(reverse("support_reviews:list"))
                messages.success(request, _("Thank you: you may now score the application."))
                return redirect(_detail_url(review))
        return _detail(request, review, declare=form, status=400)
    if action in ("save", "submit"):
        criteria = selectors.review_criteria(programme_id=review.application.programme_id)
        form = ReviewScoreForm(request.POST, criteria=criteria, review=review)
        if form.is_valid():
            try:
                services.review_score(
                    actor=request.user,
                    review=review,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    submit=action == "submit",
                )
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                if action == "submit":
                    messages.success(request, _("Your review is submitted. Thank you."))
                else:
                    messages.success(request, _("Your draft is saved; submit it when every criterion is scored."))
                return redirect(_detail_url(review))
        return _detail(request, review, score=form, status=400)
    return _detail(request, review, status=400)


def _application_for_admin(request: HttpRequest, pk: int) -> Application:
    """The application for an agency admin; 403 for who may see it but not manage reviewers,
    404 for anybody else."""
    application = Application.objects.select_related("film", "programme", "organization").filter(pk=pk).first()
    if application is None:
        raise Http404
    if not request.user.has_perm("support.assign_reviewers"):
        if request.user.has_perm("support.view_application", application):
            raise PermissionDenied(_("Only agency admins assign reviewers."))
        raise Http404
    return application


@login_required
@require_http_methods(["GET", "POST"])
def application_reviewers(request: HttpRequest, pk: int) -> HttpResponse:
    """Agency admins: the application's reviewers; POST ``action=assign`` with ``reviewer``, or
    ``action=unassign`` with ``review``. Answers with the application's page, or this page
    with the reason (400)."""
    application = _application_for_admin(request, pk)
    eligible = list(selectors.reviewer_choices_for(application=application))
    form = ReviewAssignForm(eligible=eligible)
    status = 200
    refused: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "assign")
        if action == "unassign":
            review = Review.objects.filter(application=application, pk=_int(request.POST.get("review"))).first()
            if review is None:
                messages.error(request, _("This reviewer is no longer assigned."))
                return redirect(safe_back(request, application))
            try:
                services.review_unassign(actor=request.user, review=review)
            except ValidationError as exc:
                refused = exc.messages
                status = 400
            else:
                messages.success(
                    request, _("%(reviewer)s no longer reviews the application.") % {"reviewer": review.reviewer}
                )
                return redirect(safe_back(request, application))
        else:
            form = ReviewAssignForm(request.POST, eligible=eligible)
            if form.is_valid():
                try:
                    services.review_assign(
                        actor=request.user, application=application, reviewer=form.cleaned_data["reviewer"]
                    )
                except ValidationError as exc:
                    form_errors_from(form, exc)
                else:
                    messages.success(
                        request,
                        _("%(reviewer)s is asked to review the application.")
                        % {"reviewer": form.cleaned_data["reviewer"].display_name},
                    )
                    return redirect(safe_back(request, application))
            status = 400
    breakdown = selectors.application_score_breakdown(user=request.user, application=application)
    return render(
        request,
        "support/reviews_assign.html",
        {
            "application": application,
            "form": form,
            "breakdown": breakdown,
            "eligible": eligible,
            "refused": refused,
        },
        status=status,
    )


def safe_back(request: HttpRequest, application: Application) -> str:
    return safe_next(request, _application_url(application))


@login_required
@require_GET
def programme_ranking(request: HttpRequest, pk: int) -> HttpResponse:
    """Agency admins: the programme's applications ranked by weighted mean, with review counts,
    status, requested and granted amounts. Blind review does not apply to admins."""
    programme = Programme.objects.filter(pk=pk).first()
    if programme is None or not request.user.has_perm("support.view_programme", programme):
        raise Http404
    if not is_agency_admin(request.user):
        raise PermissionDenied(_("The ranked list is for agency admins."))
    rows = selectors.programme_ranking(programme=programme)
    return render(
        request,
        "support/reviews_ranking.html",
        {"programme": programme, "rows": rows, "criteria": selectors.review_criteria(programme_id=programme.pk)},
    )
