"""Revisions of published films: the producer's pending changes and the agency's decisions."""

import django_filters
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from core.api import AllowedTransitionsField, BlockedTransitionsField, RulesPermission, transition_action
from core.filtersets import IntegerFilter
from films import selectors, services
from films.api.common import error_responses
from films.enums import REVISION_TRANSITIONS, RevisionStatus
from films.models import FilmRevision

_VALUES_HELP = (
    "Reviewed fields only, by name: titles, loglines and synopses (strings), `film_type`, `genres` "
    "(slugs) and `credits` (rows of role, name, name_latin, character)."
)


class FilmRevisionSerializer(serializers.ModelSerializer):
    film_title = serializers.CharField(source="film.__str__", read_only=True, help_text="The film's approved title.")
    author = serializers.CharField(
        source="author.display_name",
        read_only=True,
        allow_null=True,
        help_text="Who proposed the changes (null once their account is deleted).",
    )
    changes = serializers.DictField(read_only=True, help_text="The proposed values. " + _VALUES_HELP)
    previous = serializers.DictField(
        read_only=True, help_text="The approved values the proposal replaces, for the same fields."
    )
    allowed_transitions = AllowedTransitionsField(table=REVISION_TRANSITIONS)
    blocked_transitions = BlockedTransitionsField(table=REVISION_TRANSITIONS)

    class Meta:
        model = FilmRevision
        fields = [
            "id",
            "film",
            "film_title",
            "status",
            "allowed_transitions",
            "blocked_transitions",
            "author",
            "changes",
            "previous",
            "created_at",
            "updated_at",
            "decided_at",
        ]
        read_only_fields = fields


class FilmRevisionFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=RevisionStatus.choices, help_text="Only revisions in these states (repeat for several)."
    )
    film = IntegerFilter(
        field_name="film_id", min_value=1, max_value=2**31 - 1, help_text="Only the revisions of this film."
    )

    class Meta:
        model = FilmRevision
        fields = ["status", "film"]


@extend_schema_view(
    list=extend_schema(
        summary="Revisions of published films",
        description=(
            "Changes producers proposed to the reviewed fields of published films. Agency admins see "
            "all, producers their own films'; `?status=pending` is the agency's queue, oldest first."
        ),
        responses={200: FilmRevisionSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(responses={200: FilmRevisionSerializer, **error_responses(404)}),
)
class FilmRevisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A published film's changes to its reviewed fields wait here until an agency admin moves
    them ``pending → approved | rejected`` (a note is required to reject), or the producer
    withdraws them, through ``POST /film-revisions/{id}/transition/``."""

    serializer_class = FilmRevisionSerializer
    permission_classes = [RulesPermission]
    permission_rules = {"list": None, "retrieve": "films.view_filmrevision", "transition": "films.view_filmrevision"}
    filter_backends = [DjangoFilterBackend]
    filterset_class = FilmRevisionFilter

    def get_queryset(self):
        revisions = selectors.revision_list_visible_to(user=self.request.user)
        if self.request.query_params.getlist("status") == [RevisionStatus.PENDING]:
            return revisions.order_by("updated_at", "id")
        return revisions.order_by("-created_at", "-id")

    transition = transition_action(
        service=services.revision_transition,
        object_kwarg="revision",
        response_serializer=FilmRevisionSerializer,
        table=REVISION_TRANSITIONS,
        description="Unknown status, a move not allowed now (a decided revision), or a rejection without a note.",
    )
