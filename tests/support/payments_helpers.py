"""What the payments and reports tests share: applications of "Demo Pictures" (the ``producer``
fixture's company) made directly in a decided state, dates computed from today once."""

from datetime import timedelta

from django.utils import timezone

from support.enums import ApplicationStatus
from tests.support.factories import ApplicationFactory, PaymentFactory, cny


def decided(organization, *, status=ApplicationStatus.APPROVED, granted=30_000, days_ago=10, **fields):
    """An application of ``organization`` decided ``days_ago`` days ago with ``granted`` CNY,
    its report due in 60 days from the decision."""
    decided_at = timezone.now() - timedelta(days=days_ago)
    return ApplicationFactory(
        film__organization=organization,
        organization=organization,
        status=status,
        requested=cny(50_000),
        granted=cny(granted),
        decided_at=decided_at,
        report_due=timezone.localdate() + timedelta(days=60 - days_ago),
        **fields,
    )


def paid_in(application, *amounts):
    """Tranches of ``amounts`` CNY paid on ``application``, oldest first."""
    today = timezone.localdate()
    return [
        PaymentFactory(application=application, amount=cny(amount), paid_on=today - timedelta(days=len(amounts) - i))
        for i, amount in enumerate(amounts)
    ]
