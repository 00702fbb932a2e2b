"""The markets app's choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.workflow import Transition, TransitionTable


class MarketFocus(models.TextChoices):
    """What a market trades (a market may trade several)."""

    FEATURES = "features", _("Feature films")
    TV = "tv", _("TV and series")
    ANIMATION = "animation", _("Animation")
    DOCUMENTARIES = "documentaries", _("Documentaries")


class ParticipationStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("market participation", "Planned")
    REGISTERED = "registered", pgettext_lazy("market participation", "Registered")
    CONFIRMED = "confirmed", pgettext_lazy("market participation", "Confirmed")
    CANCELLED = "cancelled", pgettext_lazy("market participation", "Cancelled")


# Still open: the company may still cancel.
OPEN_PARTICIPATION_STATES = (
    ParticipationStatus.PLANNED,
    ParticipationStatus.REGISTERED,
    ParticipationStatus.CONFIRMED,
)

_PS = ParticipationStatus
_MOVE = "markets.move_participation"
# Dotted: the guards live in markets.services.participation, which imports this module.
_REGISTRABLE = (
    "markets.services.participation.participation_guard_producer_verified",
    "markets.services.participation.participation_guard_registration_open",
)

PARTICIPATION_TRANSITIONS = TransitionTable(
    _PS,
    [
        Transition(
            _PS.PLANNED,
            _PS.REGISTERED,
            _MOVE,
            _("Mark as registered with the market"),
            guards=_REGISTRABLE,
            done=_("The participation is marked as registered: %(object)s."),
        ),
        Transition(
            _PS.REGISTERED,
            _PS.CONFIRMED,
            _MOVE,
            _("Mark as confirmed by the market"),
            guards=("markets.services.participation.participation_guard_producer_verified",),
            done=_("The participation is marked as confirmed: %(object)s."),
        ),
        *(
            Transition(
                state,
                _PS.CANCELLED,
                _MOVE,
                pgettext_lazy("market participation", "Cancel"),
                style="danger",
                confirm=_(
                    "The company no longer goes to this market edition, and a cancelled participation cannot be "
                    "reopened: to go after all, register again."
                ),
                done=_("The participation is cancelled: %(object)s."),
            )
            for state in OPEN_PARTICIPATION_STATES
        ),
    ],
)


class PavilionApplicationStatus(models.TextChoices):
    APPLIED = "applied", pgettext_lazy("pavilion application", "Applied")
    ACCEPTED = "accepted", pgettext_lazy("pavilion application", "Accepted")
    WAITLISTED = "waitlisted", pgettext_lazy("pavilion application", "Waitlisted")
    DECLINED = "declined", pgettext_lazy("pavilion application", "Declined")


_PA = PavilionApplicationStatus
_DECIDE = "markets.decide_pavilionapplication"
_PLACES_LEFT = "markets.services.participation.pavilion_application_guard_place_left"
_DECLINE_CONFIRM = _(
    "The company gets no place in the pavilion at this edition; a declined application cannot be accepted later."
)

PAVILION_APPLICATION_TRANSITIONS = TransitionTable(
    _PA,
    [
        Transition(
            _PA.APPLIED,
            _PA.ACCEPTED,
            _DECIDE,
            _("Accept: give a place"),
            guards=(_PLACES_LEFT,),
            done=_("The application is accepted: %(object)s."),
        ),
        Transition(
            _PA.APPLIED,
            _PA.WAITLISTED,
            _DECIDE,
            _("Put on the waiting list"),
            style="secondary",
            done=_("The application is on the waiting list: %(object)s."),
        ),
        Transition(
            _PA.APPLIED,
            _PA.DECLINED,
            _DECIDE,
            pgettext_lazy("pavilion application", "Decline"),
            note_required=True,
            style="danger",
            notice=True,
            confirm=_DECLINE_CONFIRM,
            done=_("The application is declined: %(object)s."),
        ),
        Transition(
            _PA.WAITLISTED,
            _PA.ACCEPTED,
            _DECIDE,
            _("Accept: give a place"),
            guards=(_PLACES_LEFT,),
            done=_("The application is accepted: %(object)s."),
        ),
        Transition(
            _PA.WAITLISTED,
            _PA.DECLINED,
            _DECIDE,
            pgettext_lazy("pavilion application", "Decline"),
            note_required=True,
            style="danger",
            notice=True,
            confirm=_DECLINE_CONFIRM,
            done=_("The application is declined: %(object)s."),
        ),
    ],
)


class MarketScreeningStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("market screening", "Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("market screening", "Cancelled")


MARKET_SCREENING_TRANSITIONS = TransitionTable(
    MarketScreeningStatus,
    [
        Transition(
            MarketScreeningStatus.SCHEDULED,
            MarketScreeningStatus.CANCELLED,
            "markets.change_marketscreening",
            pgettext_lazy("market screening", "Cancel the screening"),
            style="danger",
            confirm=_(
                "The screening is taken off the schedule, every buyer holding a seat is told, and a cancelled "
                "screening cannot be scheduled again: to show the film after all, schedule a new screening."
            ),
            done=_("The screening is cancelled: %(object)s."),
        ),
    ],
)


class DealStatus(models.TextChoices):
    OFFER = "offer", pgettext_lazy("deal", "Offer")
    NEGOTIATION = "negotiation", pgettext_lazy("deal", "In negotiation")
    SIGNED = "signed", pgettext_lazy("deal", "Signed")
    CANCELLED = "cancelled", pgettext_lazy("deal", "Cancelled")


class DealSide(models.TextChoices):
    """Which party started a deal: a buyer's offer, or an offer the producer recorded."""

    BUYER = "buyer", pgettext_lazy("deal side", "Buyer")
    PRODUCER = "producer", pgettext_lazy("deal side", "Producer")


OPEN_DEAL_STATES = (DealStatus.OFFER, DealStatus.NEGOTIATION)

_D = DealStatus
_DEAL_MOVE = "markets.move_deal"
# Signing records the contract in the film's rights grid, which is the producer's: the film's
# company signs (records) the deal; the buyer's side negotiates and may cancel.
_DEAL_SIGN = "markets.sign_deal"
# Dotted: the guards live in markets.services.deals, which imports this module.
_BUYER_VERIFIED = "markets.services.deals.deal_guard_buyer_verified"
_DEAL_CANCEL_CONFIRM = _("The deal is closed for good: to trade these rights after all, make a new offer.")

DEAL_TRANSITIONS = TransitionTable(
    _D,
    [
        Transition(
            _D.OFFER,
            _D.NEGOTIATION,
            _DEAL_MOVE,
            _("Start negotiating"),
            guards=(_BUYER_VERIFIED,),
            done=_("The deal is in negotiation: %(object)s."),
        ),
        Transition(
            _D.NEGOTIATION,
            _D.SIGNED,
            _DEAL_SIGN,
            _("Record as signed"),
            guards=(_BUYER_VERIFIED, "markets.services.deals.deal_guard_rights_free"),
            confirm=_(
                "The deal's rights are marked sold to the buyer in the film's rights grid, and a signed deal "
                "cannot be changed or cancelled here."
            ),
            done=_("The deal is signed and its rights are marked sold: %(object)s."),
        ),
        *(
            Transition(
                state,
                _D.CANCELLED,
                _DEAL_MOVE,
                pgettext_lazy("deal", "Cancel"),
                style="danger",
                notice=True,
                confirm=_DEAL_CANCEL_CONFIRM,
                done=_("The deal is cancelled: %(object)s."),
            )
            for state in OPEN_DEAL_STATES
        ),
    ],
)


class ScreenerGrantState(models.TextChoices):
    """Where a screener grant stands, read from its dates and counts (not stored): only an active
    grant plays; the others answer 410 with the reason."""

    ACTIVE = "active", pgettext_lazy("screener grant", "Active")
    EXPIRED = "expired", pgettext_lazy("screener grant", "Expired")
    REVOKED = "revoked", pgettext_lazy("screener grant", "Revoked")
    EXHAUSTED = "exhausted", pgettext_lazy("screener grant", "No plays left")


class MeetingPlace(models.TextChoices):
    STAND = "stand", _("At the company's stand")
    PAVILION = "pavilion", _("At the national pavilion")
    ONLINE = "online", _("Online")


class MeetingStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("meeting", "Requested")
    ACCEPTED = "accepted", pgettext_lazy("meeting", "Accepted")
    DECLINED = "declined", pgettext_lazy("meeting", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("meeting", "Withdrawn")
    HELD = "held", pgettext_lazy("meeting", "Held")
    CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")


# The states in which a meeting holds its time in both people's calendars.
BOOKED_MEETING_STATES = ("accepted", "held")

_MS = MeetingStatus

MEETING_TRANSITIONS = TransitionTable(
    _MS,
    [
        Transition(
            _MS.REQUESTED,
            _MS.ACCEPTED,
            "markets.answer_meeting",
            _("Accept at the chosen time"),
            guards=("markets.services.meetings.meeting_guard_time_left",),
            done=_("The meeting is accepted; both of you have the invitation: %(object)s."),
        ),
        Transition(
            _MS.REQUESTED,
            _MS.DECLINED,
            "markets.answer_meeting",
            pgettext_lazy("meeting", "Decline"),
            style="danger",
            notice=True,
            confirm=_("The request is closed and the other person is told; a declined request cannot be accepted."),
            done=_("The meeting request is declined: %(object)s."),
        ),
        Transition(
            _MS.REQUESTED,
            _MS.WITHDRAWN,
            "markets.withdraw_meeting",
            pgettext_lazy("meeting", "Withdraw the request"),
            style="secondary",
            confirm=_("The request is closed and the person you asked is told; to meet after all, ask again."),
            done=_("The meeting request is withdrawn: %(object)s."),
        ),
        Transition(
            _MS.ACCEPTED,
            _MS.HELD,
            "markets.attend_meeting",
            _("Mark as held"),
            guards=("markets.services.meetings.meeting_guard_started",),
            done=_("The meeting is marked as held: %(object)s."),
        ),
        Transition(
            _MS.ACCEPTED,
            _MS.CANCELLED,
            "markets.attend_meeting",
            pgettext_lazy("meeting", "Cancel the meeting"),
            style="danger",
            notice=True,
            confirm=_("The meeting is called off for both of you and the other person is told; it cannot be reopened."),
            done=_("The meeting is cancelled: %(object)s."),
        ),
    ],
)
