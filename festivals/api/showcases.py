"""The agency's overseas film weeks: public to read (partners, venues, programme, attendance);
producers propose published films while the call is open, agency admins accept or decline."""

from django.db.models import Prefetch
from django.utils import timezone
from django_countries.serializers import CountryFieldMixin
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import (
    AllowedTransitionsField,
    BlockedTransitionsField,
    ErrorSerializer,
    RulesPermission,
    transition_action,
)
from festivals import selectors, services
from festivals.api.fields import OwnFilmField
from festivals.enums import PROPOSAL_TRANSITIONS
from festivals.models import Showcase, ShowcasePartner, ShowcaseProposal, ShowcaseScreening, Venue


class PartnerSerializer(serializers.ModelSerializer):
    website = serializers.URLField(read_only=True, allow_blank=True)

    class Meta:
        model = ShowcasePartner
        fields = ["name", "website"]
        read_only_fields = fields


class VenueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Venue
        fields = ["id", "name", "address"]
        read_only_fields = fields


class ProgrammeSerializer(serializers.ModelSerializer):
    film_title = serializers.CharField(source="film.title_en", read_only=True)
    film_title_original = serializers.CharField(source="film.title_original", read_only=True)

    class Meta:
        model = ShowcaseScreening
        fields = ["id", "film", "film_title", "film_title_original", "venue", "starts_at", "attendance"]
        read_only_fields = fields


class ShowcaseSerializer(CountryFieldMixin, serializers.ModelSerializer):
    partners = PartnerSerializer(many=True, read_only=True)
    venues = VenueSerializer(many=True, read_only=True)
    programme = ProgrammeSerializer(source="screenings", many=True, read_only=True)

    class Meta:
        model = Showcase
        fields = [
            "id",
            "title_en",
            "title_zh",
            "city",
            "city_zh",
            "country",
            "starts_on",
            "ends_on",
            "time_zone",
            "description_en",
            "description_zh",
            "call_closes_on",
            "attendance",
            "partners",
            "venues",
            "programme",
        ]
        read_only_fields = fields


class ProposalSerializer(serializers.ModelSerializer):
    film_title = serializers.CharField(source="film.title_en", read_only=True)
    allowed_transitions = AllowedTransitionsField(table=PROPOSAL_TRANSITIONS)
    blocked_transitions = BlockedTransitionsField(table=PROPOSAL_TRANSITIONS)

    class Meta:
        model = ShowcaseProposal
        fields = [
            "id",
            "showcase",
            "film",
            "film_title",
            "status",
            "allowed_transitions",
            "blocked_transitions",
            "note",
            "created_at",
        ]
        read_only_fields = fields


class ProposalRequestSerializer(serializers.Serializer):
    film = OwnFilmField(help_text="A published film of yours.")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class ShowcaseFilter(filters.FilterSet):
    when = filters.ChoiceFilter(
        choices=[("upcoming", "upcoming"), ("past", "past")], method="filter_when", label="upcoming or past"
    )

    class Meta:
        model = Showcase
        fields = ["country"]

    def filter_when(self, queryset, name, value: str):
        today = timezone.localdate()
        if value == "upcoming":
            return queryset.filter(ends_on__gte=today).order_by("starts_on", "id")
        return queryset.filter(ends_on__lt=today)


class ShowcaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Overseas film weeks run by the agency."""

    serializer_class = ShowcaseSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": RulesPermission.PUBLIC,
        "retrieve": RulesPermission.PUBLIC,
        "proposals": None,
        "propose": "festivals.add_showcaseproposal",
    }
    filterset_class = ShowcaseFilter

    def get_queryset(self):
        return Showcase.objects.prefetch_related(
            "partners",
            "venues",
            Prefetch("screenings", queryset=ShowcaseScreening.objects.select_related("film").order_by("starts_at")),
        ).order_by("-starts_on", "id")

    @extend_schema(request=None, responses={200: ProposalSerializer(many=True), 401: ErrorSerializer})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def proposals(self, request: Request, pk=None) -> Response:
        """Proposals for this film week: your company's; all of them for agency admins."""
        showcase = self.get_object()
        proposals = selectors.proposal_list_visible_to(user=request.user).filter(showcase=showcase)
        return Response(ProposalSerializer(proposals, many=True, context=self.get_serializer_context()).data)

    @extend_schema(request=ProposalRequestSerializer, responses={201: ProposalSerializer, 400: ErrorSerializer})
    @proposals.mapping.post
    def propose(self, request: Request, pk=None) -> Response:
        showcase = self.get_object()
        payload = ProposalRequestSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        proposal = services.showcase_propose(actor=request.user, showcase=showcase, **payload.validated_data)
        return Response(
            ProposalSerializer(proposal, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )


class ShowcaseProposalViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One film-week proposal; agency admins accept or decline it with ``transition/``."""

    serializer_class = ProposalSerializer
    permission_classes = [RulesPermission]
    permission_rules = {"retrieve": "festivals.view_showcaseproposal", "transition": "festivals.view_showcaseproposal"}

    def get_queryset(self):
        return selectors.proposal_list_visible_to(user=self.request.user)

    transition = transition_action(
        service=services.proposal_transition,
        object_kwarg="proposal",
        response_serializer=ProposalSerializer,
        table=PROPOSAL_TRANSITIONS,
    )
