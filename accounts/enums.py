from django.db import models
from django.utils.translation import gettext_lazy as _

from core.workflow import Transition, TransitionTable


class StaffRole(models.TextChoices):
    AGENCY_ADMIN = "agency_admin", _("Agency admin")
    REVIEWER = "reviewer", _("Reviewer")


class OrganizationKind(models.TextChoices):
    PRODUCTION_COMPANY = "production_company", _("Production company")
    SALES_AGENT = "sales_agent", _("Sales agent")
    BUYER_COMPANY = "buyer_company", _("Buyer company")
    AGENCY = "agency", _("Agency")


PRODUCER_KINDS = (OrganizationKind.PRODUCTION_COMPANY, OrganizationKind.SALES_AGENT)


class BuyerType(models.TextChoices):
    DISTRIBUTOR = "distributor", _("Distributor")
    BROADCASTER = "broadcaster", _("Broadcaster")
    STREAMING_PLATFORM = "streaming_platform", _("Streaming platform")
    FESTIVAL_PROGRAMMER = "festival_programmer", _("Festival programmer")
    EXHIBITOR = "exhibitor", _("Exhibitor")


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MEMBER = "member", _("Member")


class BuyerVerificationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


_S = BuyerVerificationStatus
_DECIDE = "accounts.verify_organization"

BUYER_VERIFICATION_TRANSITIONS = TransitionTable(
    _S,
    [
        Transition(_S.PENDING, _S.VERIFIED, _DECIDE, _("Verify"), done=_("%(object)s is verified.")),
        Transition(
            _S.PENDING,
            _S.REJECTED,
            _DECIDE,
            _("Reject"),
            note_required=True,
            style="danger",
            notice=True,
            confirm=_("The company's members keep seeing only the public catalogue, and your reason is sent to them."),
            done=_("%(object)s is rejected; its members are told why."),
        ),
        Transition(
            _S.VERIFIED,
            _S.SUSPENDED,
            _DECIDE,
            _("Suspend"),
            note_required=True,
            style="danger",
            notice=True,
            confirm=_(
                "The company's members lose the full catalogue, rights and sales contacts at once, until an "
                "agency admin reinstates the company; your reason is sent to them."
            ),
            done=_("%(object)s is suspended; its members are told why."),
        ),
        Transition(_S.SUSPENDED, _S.VERIFIED, _DECIDE, _("Reinstate"), done=_("%(object)s is verified again.")),
    ],
)
