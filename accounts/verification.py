"""What a buyer whose company is not verified is told when it opens a page or takes an action
that is for verified buyers only: the company's verification status and what happens next.

Pages raise ``VerificationRequired`` (a ``PermissionDenied``): the 403 page shows its title, text
and next step; the API answers 403 with its short ``message`` and the code
``verification_required``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.enums import BuyerVerificationStatus, OrganizationKind
from accounts.models import Organization
from accounts.rules import is_verified_buyer, memberships_of

REFUSAL_CODE = "verification_required"


@dataclass(frozen=True)
class VerificationStatusNotice:
    organization_id: int
    organization_name: str
    status: str
    title: str
    text: str
    next_step: str

    def get_status_display(self) -> str:
        return str(BuyerVerificationStatus(self.status).label)

    @property
    def message(self) -> str:
        """The short form, for the API's 403 detail."""
        return f"{self.text} {self.next_step}"


def _notice(organization: Organization) -> VerificationStatusNotice:
    company = organization.name
    status = organization.verification_status
    if status == BuyerVerificationStatus.SUSPENDED:
        title = _("Your company's verification is suspended")
        text = _("The agency has suspended the verification of “%(company)s”, so this is closed to it for now.")
        next_step = _(
            "The agency's reason is on your company's page. An agency administrator can reinstate the "
            "company; contact the agency once the reason is dealt with."
        )
    elif status == BuyerVerificationStatus.REJECTED:
        title = _("Your company could not be verified")
        text = _("The agency could not verify “%(company)s” as a buyer company, so this is closed to it.")
        next_step = _(
            "The agency's reason is on your company's page. If you think this is a mistake, contact the agency."
        )
    else:
        title = _("Your company is awaiting verification")
        text = _("“%(company)s” is waiting for the agency to verify it; this is for verified buyers only.")
        next_step = _(
            "An agency administrator checks every new buyer company; you and your colleagues will be "
            "notified in the portal and by e-mail as soon as it is decided. Meanwhile the public "
            "catalogue is open to you."
        )
    return VerificationStatusNotice(
        organization_id=organization.pk,
        organization_name=company,
        status=status,
        title=title,
        text=text % {"company": company},
        next_step=next_step,
    )


def buyer_verification_notice(user) -> VerificationStatusNotice | None:
    """For a member of a buyer company none of whose companies is verified: that company's status
    and the next step (one query). None for everyone else (verified buyers, producers, staff,
    anonymous visitors)."""
    if is_verified_buyer(user):
        return None
    buyer_ids = [pk for pk, info in memberships_of(user).items() if info.kind == OrganizationKind.BUYER_COMPANY]
    if not buyer_ids:
        return None
    organization = Organization.objects.filter(pk__in=buyer_ids).order_by("created_at", "id").first()
    return _notice(organization) if organization is not None else None


class VerificationRequired(PermissionDenied):
    """Refused because the user's buyer company is not verified; carries what to tell them."""

    def __init__(self, notice: VerificationStatusNotice) -> None:
        self.notice = notice
        super().__init__(notice.message)


def require_verified_buyer(user, *, allowed: bool) -> None:
    """Raise ``VerificationRequired`` for an unverified buyer when ``allowed`` is false (a plain
    ``PermissionDenied`` for anyone else refused)."""
    if allowed:
        return
    notice = buyer_verification_notice(user)
    if notice is not None:
        raise VerificationRequired(notice)
    raise PermissionDenied
