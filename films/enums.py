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

# Dotted: the guard lives in films.services, which imports this module.
_COMPLETE = ("films.services.review.film_guard_complete",)

LISTING_TRANSITIONS = TransitionTable(
    _L,
    [
        Transition(_L.DRAFT, _L.PENDING_REVIEW, _SUBMIT, _("Submit for review"), guards=_COMPLETE),
        Transition(_L.PENDING_REVIEW, _L.PUBLISHED, _REVIEW, _("Publish")),
        Transition(
            _L.PENDING_REVIEW, _L.CHANGES_REQUESTED, _REVIEW, _("Request changes"), note_required=True, style="danger"
        ),
        Transition(_L.CHANGES_REQUESTED, _L.PENDING_REVIEW, _SUBMIT, _("Resubmit for review"), guards=_COMPLETE),
        Transition(_L.PUBLISHED, _L.WITHDRAWN, _WITHDRAW, _("Withdraw from the catalogue"), style="danger"),
        Transition(_L.WITHDRAWN, _L.PENDING_REVIEW, _SUBMIT, _("Submit for review again"), guards=_COMPLETE),
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
        Transition(_R.PENDING, _R.APPROVED, "films.review_filmrevision", _("Approve the changes")),
        Transition(
            _R.PENDING,
            _R.REJECTED,
            "films.review_filmrevision",
            _("Reject the changes"),
            note_required=True,
            style="danger",
        ),
        Transition(
            _R.PENDING, _R.WITHDRAWN, "films.withdraw_filmrevision", _("Withdraw the changes"), style="secondary"
        ),
    ],
)
