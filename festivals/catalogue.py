"""The honours festivals put in core's catalogue-filters slot (the catalogue's ``?honours=…``)."""

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from core.slots import CatalogueFilter
from festivals.enums import SELECTED_STATES, FestivalTier, SubmissionStatus
from festivals.models import Submission


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
    CatalogueFilter("tier_a_selection", _("Selected at a tier A festival"), _selected_at_tier_a),
    CatalogueFilter("award", _("Award winners"), _award_winners),
]
