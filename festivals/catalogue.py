"""The honours festivals add to the films catalogue's filters (``?honours=…``)."""

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from festivals.enums import SELECTED_STATES, FestivalTier, SubmissionStatus
from festivals.models import Submission
from films.filters import Honour


def _selected_at_tier_a(films: QuerySet) -> QuerySet:
    return films.filter(
        Exists(
            Submission.objects.filter(
                film=OuterRef("pk"), status__in=SELECTED_STATES, section__edition__festival__tier=FestivalTier.A
            )
        )
    )


def _award_winners(films: QuerySet) -> QuerySet:
    return films.filter(Exists(Submission.objects.filter(film=OuterRef("pk"), status=SubmissionStatus.AWARDED)))


HONOURS = [
    Honour("tier_a_selection", _("Selected at a tier A festival"), _selected_at_tier_a),
    Honour("award", _("Award winners"), _award_winners),
]
