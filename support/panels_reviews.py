"""The reviews panels: on an application's page (for agency admins its reviewers with their
declaration, submission and scores, the weighted and per-criterion means, the assign form and
unassign buttons; for an assigned reviewer a link to their review) and on a reviewer's dashboard
("Reviews waiting for you"). Each costs a fixed number of queries; nobody else sees a thing."""

from django.http import HttpRequest
from django.urls import reverse

from accounts.rules import is_agency_admin, is_reviewer
from core.slots import DASHBOARD_PANELS, DashboardPanel, Panel, object_panels, slot_register
from support.enums import REVIEWABLE_STATES
from support.forms_reviews import ReviewAssignForm
from support.models import Application, Review
from support.selectors import reviews as selectors

PANEL_REVIEWS = 10


def review_application_panel(request: HttpRequest, application: Application) -> dict | None:
    user = request.user
    if is_agency_admin(user):
        may_assign = application.status in REVIEWABLE_STATES
        eligible = list(selectors.reviewer_choices_for(application=application)) if may_assign else []
        return {
            "admin": True,
            "application": application,
            "breakdown": selectors.application_score_breakdown(user=user, application=application),
            "may_assign": may_assign,
            "form": ReviewAssignForm(eligible=eligible),
            "assign_url": reverse("support_reviews:assign", args=[application.pk]),
            "next": request.get_full_path(),
        }
    if is_reviewer(user):
        review = Review.objects.filter(application=application, reviewer_id=user.pk).first()
        if review is not None:
            return {"admin": False, "application": application, "review": review}
    return None


def review_dashboard_panel(request: HttpRequest) -> dict | None:
    if not is_reviewer(request.user):
        return None
    return {"reviews": list(selectors.review_list_waiting(user=request.user)[:PANEL_REVIEWS])}


def register() -> None:
    slot_register(
        object_panels("support.application"),
        Panel("support.reviews", "support/includes/reviews_application_panel.html", review_application_panel),
    )
    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "support.reviews",
            "support/includes/reviews_dashboard_panel.html",
            frozenset({"reviewer"}),
            review_dashboard_panel,
            order=15,
        ),
    )
