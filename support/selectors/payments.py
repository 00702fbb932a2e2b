"""Reads for decisions, payments and final reports, filtered to what the user may see: payments
and reports (with the deals they link, commercial facts) reach the applicant company's members
and agency admins only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Prefetch, QuerySet
from django.db.models.functions import Cast

from accounts.enums import PRODUCER_KINDS
from accounts.rules import is_agency_admin, memberships_of
from core.models import AuditEvent
from core.money import Money
from festivals.enums import SELECTED_STATES
from festivals.models import Submission
from markets.enums import DealStatus
from markets.models import Deal
from support.enums import ApplicationStatus
from support.models import Application, FinalReport, Payment


def _producer_companies(user) -> list[int]:
    return [pk for pk, info in memberships_of(user).items() if info.kind in PRODUCER_KINDS]


def payment_list_visible_to(*, user) -> QuerySet[Payment]:
    """Payments of the user's producer companies' applications; agency admins see all; nobody
    else any. With the application, its film and programme, newest first."""
    payments = Payment.objects.select_related("application__film", "application__programme").order_by("-paid_on", "-id")
    if is_agency_admin(user):
        return payments
    companies = _producer_companies(user)
    if not companies:
        return payments.none()
    return payments.filter(application__organization_id__in=companies)


def application_list_for_payments(*, user) -> QuerySet[Application]:
    """The applications whose payments the user may see (an admin's: all)."""
    if is_agency_admin(user):
        return Application.objects.all()
    companies = _producer_companies(user)
    return Application.objects.filter(organization_id__in=companies) if companies else Application.objects.none()


def application_get_visible(*, user, pk: int) -> Application | None:
    """The application ``pk`` with its programme, film and company when the user may see it
    (members of the applicant company, agency admins, its assigned reviewers), else None."""
    application = Application.objects.select_related("programme", "film", "organization").filter(pk=pk).first()
    if application is None or not user.has_perm("support.view_application", application):
        return None
    return application


def may_see_payments(*, user, application: Application) -> bool:
    """Payments, the decision's figures and the final report: the applicant company's members
    and agency admins."""
    return is_agency_admin(user) or application.organization_id in memberships_of(user)


@dataclass(frozen=True)
class PaymentSummary:
    payments: list[Payment]
    granted: Money | None
    paid: Money | None

    @property
    def left(self) -> Money | None:
        if self.granted is None:
            return None
        return Money(self.granted.amount - self.paid.amount, self.granted.currency)


def application_payment_summary(*, application: Application) -> PaymentSummary:
    """An application's tranches (oldest first) and its granted, paid and left amounts: one query."""
    payments = list(Payment.objects.filter(application=application).order_by("paid_on", "id"))
    granted = application.granted
    if granted is None:
        return PaymentSummary(payments=payments, granted=None, paid=None)
    paid = sum((payment.amount_amount for payment in payments), Decimal(0))
    return PaymentSummary(payments=payments, granted=granted, paid=Money(paid, granted.currency))


def final_report_known_results(*, application: Application) -> tuple[QuerySet[Submission], QuerySet[Deal]]:
    """What the portal knows the grant achieved: the film's festival submissions selected or
    awarded after the decision (the audit trail records when each was selected or awarded; the
    submission's own dates say when it was sent or last edited, not decided), and the film's
    deals signed after the decision."""
    decided = application.decided_at
    if decided is None:
        return Submission.objects.none(), Deal.objects.none()
    decided_after = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Submission),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        field="status",
        to_state__in=SELECTED_STATES,
        created_at__gte=decided,
    )
    selections = Submission.objects.filter(film_id=application.film_id, status__in=SELECTED_STATES).filter(
        Exists(decided_after)
    )
    deals = Deal.objects.filter(film_id=application.film_id, status=DealStatus.SIGNED, signed_at__gte=decided)
    return selections.order_by("pk"), deals.order_by("pk")


def final_report_for_page(*, application: Application) -> FinalReport | None:
    """The application's final report with its linked selections (festival, edition, section)
    and deals (buyer): three queries, or one when there is none."""
    return (
        FinalReport.objects.filter(application=application)
        .select_related("submitted_by")
        .prefetch_related(
            Prefetch(
                "selections",
                queryset=Submission.objects.select_related("section__edition__festival").order_by("pk"),
            ),
            Prefetch("deals", queryset=Deal.objects.select_related("buyer").order_by("signed_at", "pk")),
        )
        .first()
    )


@dataclass(frozen=True)
class ReportDue:
    """When the final report is due, as the applicant reads it: ``days`` until the date
    (negative when overdue)."""

    on: date
    days: int

    @property
    def overdue(self) -> bool:
        return self.days < 0

    @property
    def overdue_days(self) -> int:
        return -self.days


def application_report_due(*, application: Application, today: date) -> ReportDue | None:
    """The final report's due date and the days left (or past) for an application that owes one
    (approved or paid); None otherwise."""
    if application.report_due is None or application.status not in (ApplicationStatus.APPROVED, ApplicationStatus.PAID):
        return None
    return ReportDue(on=application.report_due, days=(application.report_due - today).days)
