from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.workflow import Transition, TransitionTable


class FilmType(models.TextChoices):
    FEATURE_FICTION = "feature_fiction", _("Feature fiction")
    DOCUMENTARY = "documentary", _("Documentary")
    ANIMATION = "animation", _("Animation")
    SHORT = "short", _("Short")
    SERIES = "series", _("Series")


class CompletionStatus(models.TextChoices):
    DEVELOPMENT = "development", _("Development")
    PRODUCTION = "production", _("Production")
    POST_PRODUCTION = "post_production", _("Post-production")
    COMPLETED = "completed", _("Completed")
    RELEASED = "released", _("Released")


class CreditRole(models.TextChoices):
    DIRECTOR = "director", _("Director")
    WRITER = "writer", _("Writer")
    PRODUCER = "producer", _("Producer")
    CAST = "cast", _("Cast")
    CINEMATOGRAPHER = "cinematographer", _("Cinematographer")
    EDITOR = "editor", _("Editor")
    COMPOSER = "composer", _("Composer")


class ImageKind(models.TextChoices):
    POSTER = "poster", _("Poster")
    STILL = "still", _("Still")


class RightsMedia(models.TextChoices):
    THEATRICAL = "theatrical", _("Theatrical")
    FREE_TV = "free_tv", _("Free TV")
    PAY_TV = "pay_tv", _("Pay TV")
    SVOD = "svod", _("SVOD")
    TVOD = "tvod", _("TVOD")
    AVOD = "avod", _("AVOD")
    AIRLINE = "airline", _("Airline")
    NON_THEATRICAL = "non_theatrical", _("Non-theatrical")


class RightsStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    UNDER_NEGOTIATION = "under_negotiation", _("Under negotiation")
    SOLD = "sold", _("Sold")


class ShownRightsStatus(models.TextChoices):
    """A rights cell as a viewer sees it (films.selectors.right_project): buyers see another
    company's sale or negotiation only as "not available", without saying which."""

    AVAILABLE = "available", _("Available")
    UNDER_NEGOTIATION = "under_negotiation", _("Under negotiation")
    SOLD = "sold", _("Sold")
    NOT_AVAILABLE = "not_available", _("Not available")


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING_REVIEW = "pending_review", _("Pending review")
    PUBLISHED = "published", _("Published")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    WITHDRAWN = "withdrawn", _("Withdrawn")


_L = ListingStatus
_SUBMIT = "films.submit_film"
_REVIEW = "films.review_film"
_WITHDRAW = "films.withdraw_film"

# Dotted: the guards live in films.services, which imports this module. The producer company
# must be verified by the agency, and the film complete.
_COMPLETE = ("films.services.review.film_guard_producer_verified", "films.services.review.film_guard_complete")

_SENT = _("“%(object)s” is sent to the agency for review.")
_SENT_AGAIN = _("“%(object)s” is sent to the agency for review again.")

LISTING_TRANSITIONS = TransitionTable(
    _L,
    [
        Transition(_L.DRAFT, _L.PENDING_REVIEW, _SUBMIT, _("Submit for review"), guards=_COMPLETE, done=_SENT),
        Transition(
            _L.PENDING_REVIEW,
            _L.PUBLISHED,
            _REVIEW,
            _("Publish"),
            done=_("“%(object)s” is published in the catalogue."),
        ),
        Transition(
            _L.PENDING_REVIEW,
            _L.CHANGES_REQUESTED,
            _REVIEW,
            _("Request changes"),
            note_required=True,
            style="danger",
            notice=True,
            done=_("“%(object)s” goes back to the producer with your note."),
        ),
        Transition(
            _L.CHANGES_REQUESTED,
            _L.PENDING_REVIEW,
            _SUBMIT,
            _("Resubmit for review"),
            guards=_COMPLETE,
            done=_SENT_AGAIN,
        ),
        Transition(
            _L.PUBLISHED,
            _L.WITHDRAWN,
            _WITHDRAW,
            _("Withdraw from the catalogue"),
            style="danger",
            confirm=_(
                "Buyers and visitors will no longer find the film in the catalogue. To list it again, you "
                "submit it for review and wait for the agency's approval."
            ),
            done=_("“%(object)s” is withdrawn from the catalogue."),
        ),
        Transition(
            _L.WITHDRAWN,
            _L.PENDING_REVIEW,
            _SUBMIT,
            _("Submit for review again"),
            guards=_COMPLETE,
            done=_SENT_AGAIN,
        ),
    ],
)


class ScreenerRequestStatus(models.TextChoices):
    """A buyer's request for a film's screener, answered by the film's producer."""

    REQUESTED = "requested", pgettext_lazy("screener request", "Requested")
    SENT = "sent", pgettext_lazy("screener request", "Screener sent")
    GRANTED = "granted", pgettext_lazy("screener request", "Granted")
    DECLINED = "declined", pgettext_lazy("screener request", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("screener request", "Withdrawn")


_S = ScreenerRequestStatus
_ANSWER_SCREENER = "films.answer_screenerrequest"
_WITHDRAW_SCREENER = "films.withdraw_screenerrequest"

SCREENER_REQUEST_TRANSITIONS = TransitionTable(
    _S,
    [
        # The note is how to watch (a link, a password, a date): it reaches the buyer by notification.
        Transition(
            _S.REQUESTED,
            _S.SENT,
            _ANSWER_SCREENER,
            _("Send screener details"),
            note_required=True,
            done=_("The screener details are sent: %(object)s."),
        ),
        # Access to the hosted screener (or the outside link) through the portal, for some days and
        # plays: markets.ScreenerGrant. Dotted: the guard lives in markets, which builds on films.
        Transition(
            _S.REQUESTED,
            _S.GRANTED,
            _ANSWER_SCREENER,
            _("Grant access to the screener"),
            guards=("markets.services.screeners.screener_request_guard_has_screener",),
            done=_("The buyer may now watch the screener in the portal: %(object)s."),
        ),
        Transition(
            _S.REQUESTED,
            _S.DECLINED,
            _ANSWER_SCREENER,
            pgettext_lazy("screener request", "Decline"),
            note_required=True,
            style="danger",
            notice=True,
            confirm=_("The buyer is told your reason. To offer the screener later, they ask again."),
            done=_("The request is declined and the buyer is told why: %(object)s."),
        ),
        Transition(
            _S.REQUESTED,
            _S.WITHDRAWN,
            _WITHDRAW_SCREENER,
            _("Withdraw the request"),
            style="danger",
            confirm=_("The producer is told you no longer need the screener. You can ask again later."),
            done=_("Your request is withdrawn: %(object)s."),
        ),
    ],
)


class RevisionStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("revision", "Waiting for approval")
    APPROVED = "approved", pgettext_lazy("revision", "Approved")
    REJECTED = "rejected", pgettext_lazy("revision", "Rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("revision", "Withdrawn")


_R = RevisionStatus

# A published film's changes to what the agency reviews wait in a revision until an agency admin
# decides; the producer may withdraw them while they wait.
REVISION_TRANSITIONS = TransitionTable(
    _R,
    [
        Transition(
            _R.PENDING,
            _R.APPROVED,
            "films.review_filmrevision",
            _("Approve the changes"),
        ),
        Transition(
            _R.PENDING,
            _R.REJECTED,
            "films.review_filmrevision",
            _("Reject the changes"),
            note_required=True,
            style="danger",
            notice=True,
        ),
        Transition(
            _R.PENDING,
            _R.WITHDRAWN,
            "films.withdraw_filmrevision",
            _("Withdraw the changes"),
            style="secondary",
            confirm=_("The proposed changes are dropped; the catalogue keeps the approved details."),
        ),
    ],
)
