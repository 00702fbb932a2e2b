"""Reads for applications, already filtered to what the user may see: the applicant company's
members see its applications, agency admins all, a reviewer those assigned to them; nobody else
any."""

from __future__ import annotations

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _

from accounts.rules import is_agency_admin, is_reviewer, memberships_of
from core.workflow import audit_timeline
from films.models import Film
from support.enums import APPLICATION_TRANSITIONS, OPEN_APPLICATION_STATES
from support.models import Application, ApplicationDocument, BudgetLine, Review

LIST_JOINS = (
    "programme",
    "film",
    "organization",
    "submission__section__edition__festival",
    "participation__edition__market",
    "proposal__showcase",
)


def _with_reviewer_ids(applications: QuerySet[Application]) -> QuerySet[Application]:
    """``reviewer_ids`` on each row (``support.rules._assigned`` reads it instead of asking once
    per row). PostgreSQL gathers them in the same query; elsewhere the rule asks."""
    if connection.vendor != "postgresql":
        return applications
    from django.contrib.postgres.expressions import ArraySubquery  # noqa: PLC0415  (PostgreSQL only)

    reviewers = Review.objects.filter(application=OuterRef("pk")).order_by().values("reviewer_id")
    return applications.annotate(reviewer_ids=ArraySubquery(reviewers))


def application_list_visible_to(*, user) -> QuerySet[Application]:
    """The applications ``user`` may see, newest change first, with the programme, film,
    applicant company and thing funded a list shows, and the assigned reviewers' ids."""
    applications = _with_reviewer_ids(Application.objects.select_related(*LIST_JOINS).order_by("-updated_at", "-id"))
    if not getattr(user, "is_authenticated", False):
        return applications.none()
    if is_agency_admin(user):
        return applications
    organizations = list(memberships_of(user))
    mine = applications.filter(organization_id__in=organizations) if organizations else applications.none()
    if is_reviewer(user):
        assigned = Exists(Review.objects.filter(application=OuterRef("pk"), reviewer_id=user.pk))
        return applications.filter(assigned) if not organizations else (mine | applications.filter(assigned))
    return mine


def application_with_details(applications: QuerySet[Application]) -> QuerySet[Application]:
    """``applications`` with their budget lines and documents (one query each, whatever the
    number)."""
    return applications.prefetch_related(
        Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("position", "id")),
        Prefetch("documents", queryset=ApplicationDocument.objects.order_by("kind", "id")),
    )


def application_detail_for(*, user, pk) -> Application | None:
    """One application ``user`` may see, with its budget lines and documents, or None."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if not 0 < pk <= 2**63 - 1:
        return None
    return application_with_details(application_list_visible_to(user=user)).filter(pk=pk).first()


def application_list_for_film(*, user, film: Film) -> QuerySet[Application]:
    """The film's applications ``user`` may see."""
    return application_list_visible_to(user=user).filter(film=film)


def application_list_open_for(*, user) -> QuerySet[Application]:
    """The user's companies' applications still open (draft, submitted, under review, changes
    requested): the producer dashboard's."""
    organizations = list(memberships_of(user))
    if not organizations:
        return Application.objects.none()
    return (
        Application.objects.select_related("programme", "film")
        .filter(organization_id__in=organizations, status__in=OPEN_APPLICATION_STATES)
        .order_by("-updated_at", "-id")
    )


def application_timeline(*, application: Application, user) -> list:
    """Every step of the application, newest first, each with ``who`` made it: a name, or, for
    a reader the programme's blind review keeps from the applicant (``support.see_applicant``),
    "the applicant" for the applicant company's people (agency staff keep their names)."""
    events = audit_timeline(obj=application, table=APPLICATION_TRANSITIONS)
    blind = not user.has_perm("support.see_applicant", application)
    for event in events:
        actor = event.actor
        if actor is None:
            event.who = _("the system")
        elif blind and not actor.staff_role:
            event.who = _("the applicant")
        else:
            event.who = actor.display_name
    return events
