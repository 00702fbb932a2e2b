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
# Companies the agency verifies before they may act: buyers (to see the full catalogue) and
# producers (to send listings for review and films to festivals).
VERIFIED_KINDS = (OrganizationKind.BUYER_COMPANY, *PRODUCER_KINDS)


class BuyerType(models.TextChoices):
    DISTRIBUTOR = "distributor", _("Distributor")
    BROADCASTER = "broadcaster", _("Broadcaster")
    STREAMING_PLATFORM = "streaming_platform", _("Streaming platform")
    FESTIVAL_PROGRAMMER = "festival_programmer", _("Festival programmer")
    EXHIBITOR = "exhibitor", _("Exhibitor")


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MEMBER = "member", _("Member")


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


# The names from when only buyer companies were verified; both kinds share one life cycle.
BuyerVerificationStatus = VerificationStatus

_S = VerificationStatus
_DECIDE = "accounts.verify_organization"
# Dotted: the guard lives in accounts.services, which imports this module.
_DOCUMENTS = ("accounts.services.organization_guard_documents",)

VERIFICATION_TRANSITIONS = TransitionTable(
    _S,
    [
        Transition(_S.PENDING, _S.VERIFIED, _DECIDE, _("Verify"), guards=_DOCUMENTS, done=_("%(object)s is verified.")),
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
                "The company's members lose at once what verification gives them (buyers: the full catalogue, "
                "rights and sales contacts; producers: sending films to review and to festivals), until an "
                "agency admin reinstates the company. Your reason is sent to them."
            ),
            done=_("%(object)s is suspended; its members are told why."),
        ),
        Transition(_S.SUSPENDED, _S.VERIFIED, _DECIDE, _("Reinstate"), done=_("%(object)s is verified again.")),
    ],
)

BUYER_VERIFICATION_TRANSITIONS = VERIFICATION_TRANSITIONS
