"""Deals: offers, negotiations and signed deals on films' rights, seen by their two parties
(the film's company, the buyer company) and agency admins. A verified buyer offers by posting
without ``buyer``; the film's company records a deal for a named verified buyer company by
posting with it. Moved with ``POST …/{id}/transition/``; the film's company records signing."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Organization
from accounts.rules import is_verified_buyer
from accounts.verification import REFUSAL_CODE, buyer_verification_notice
from core.api import (
    AllowedTransitionsField,
    BlockedTransitionsField,
    ErrorSerializer,
    RulesPermission,
    transition_action,
)
from core.filtersets import IntegerFilter
from core.money import MoneySerializerField
from films.enums import RightsMedia
from films.models import Film
from films.selectors import film_list_visible_to
from markets import selectors, services
from markets.enums import DEAL_TRANSITIONS, DealStatus
from markets.models import Deal, MarketEdition

_ID = {"min_value": 1, "max_value": 2**31 - 1}

DEAL_FIELDS = [
    "id",
    "film",
    "film_title",
    "producer",
    "producer_name",
    "buyer",
    "buyer_name",
    "status",
    "started_by",
    "territories",
    "excluded",
    "countries",
    "media",
    "exclusive",
    "term_start",
    "term_end",
    "fee",
    "edition",
    "notes",
    "signed_at",
    "created_at",
    "updated_at",
]


class DealSerializer(serializers.ModelSerializer):
    film_title = serializers.CharField(source="film.title_en", read_only=True)
    producer = serializers.IntegerField(source="film.organization_id", read_only=True)
    producer_name = serializers.CharField(source="film.organization.name", read_only=True)
    buyer_name = serializers.CharField(source="buyer.name", read_only=True)
    territories = serializers.ListField(child=serializers.CharField(), read_only=True)
    excluded = serializers.ListField(child=serializers.CharField(), read_only=True)
    countries = serializers.ListField(child=serializers.CharField(), read_only=True)
    media = serializers.ListField(child=serializers.ChoiceField(choices=RightsMedia.choices), read_only=True)
    fee = MoneySerializerField(read_only=True)

    class Meta:
        model = Deal
        fields = DEAL_FIELDS
        read_only_fields = fields


class DealDetailSerializer(DealSerializer):
    """A deal with the moves the user may make now (the list leaves them out: the signing guard
    reads the film's rights)."""

    allowed_transitions = AllowedTransitionsField(table=DEAL_TRANSITIONS)
    blocked_transitions = BlockedTransitionsField(table=DEAL_TRANSITIONS)

    class Meta(DealSerializer.Meta):
        fields = [*DEAL_FIELDS, "allowed_transitions", "blocked_transitions"]
        read_only_fields = fields


class VisibleFilmField(serializers.PrimaryKeyRelatedField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", Film.objects.none())
        super().__init__(**kwargs)

    def get_queryset(self):
        return film_list_visible_to(user=self.context["request"].user).select_related("organization")


class _BuyerCompanyField(serializers.PrimaryKeyRelatedField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", Organization.objects.none())
        super().__init__(**kwargs)


class OwnBuyerCompanyField(_BuyerCompanyField):
    default_error_messages = {
        **serializers.PrimaryKeyRelatedField.default_error_messages,
        "does_not_exist": _("Choose a verified buyer company you belong to."),
    }

    def get_queryset(self):
        return selectors.deal_buyer_companies_of(user=self.context["request"].user)


class VerifiedBuyerCompanyField(_BuyerCompanyField):
    default_error_messages = {
        **serializers.PrimaryKeyRelatedField.default_error_messages,
        "does_not_exist": _("Choose a verified buyer company."),
    }

    def get_queryset(self):
        return Organization.objects.all()  # the service names a company that is not a verified buyer


def _terms_fields(*, required: bool) -> dict:
    optional = {} if required else {"required": False}
    return {
        "territories": serializers.ListField(
            child=serializers.CharField(max_length=60),
            max_length=300,
            help_text="ISO country codes or region names (as in the rights grid).",
            **optional,
        ),
        "excluded": serializers.ListField(
            child=serializers.CharField(max_length=60), max_length=300, required=False, help_text="Left out."
        ),
        "media": serializers.ListField(child=serializers.CharField(max_length=30), max_length=20, **optional),
        "exclusive": serializers.BooleanField(required=False),
        "term_start": serializers.DateField(**optional),
        "term_end": serializers.DateField(**optional),
        "fee": MoneySerializerField(**optional),
        "edition": serializers.PrimaryKeyRelatedField(
            queryset=MarketEdition.objects.all(), required=False, allow_null=True
        ),
        "notes": serializers.CharField(required=False, allow_blank=True, max_length=4000),
    }


class DealCreateSerializer(serializers.Serializer):
    film = VisibleFilmField()
    organization = OwnBuyerCompanyField(required=False, help_text="A buyer's offer: your buyer company.")
    buyer = VerifiedBuyerCompanyField(
        required=False, help_text="The film's company records a deal: the verified buyer company."
    )

    def get_fields(self):
        return {**super().get_fields(), **_terms_fields(required=True)}


class DealUpdateSerializer(serializers.Serializer):
    def get_fields(self):
        return _terms_fields(required=False)


class DealFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=DealStatus.choices)
    film = IntegerFilter(field_name="film_id", **_ID)
    edition = IntegerFilter(field_name="edition_id", **_ID)

    class Meta:
        model = Deal
        fields: list[str] = []


class DealViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Deals your companies are party to (agency admins see all). Either party changes an open
    deal's terms with ``PATCH`` and moves it with ``transition/``; only the film's company records
    it as signed, which marks its rights sold in the film's rights grid."""

    serializer_class = DealSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": "markets.list_deals",
        "retrieve": "markets.view_deal",
        "create": "markets.add_deal",
        "partial_update": "markets.change_deal",
        "transition": "markets.view_deal",
    }
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_class = DealFilter

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        # Verified buyers only, on every action (a deal of one's own included).
        if not request.user.has_perm("markets.list_deals"):
            self.permission_denied(request)

    def permission_denied(self, request, message=None, code=None):
        """A buyer whose company is not verified is told its status and what happens next."""
        if request.user and request.user.is_authenticated:
            notice = buyer_verification_notice(request.user)
            if notice is not None:
                raise exceptions.PermissionDenied(notice.message, code=REFUSAL_CODE)
        super().permission_denied(request, message=message, code=code)

    def get_queryset(self):
        return selectors.deal_list_visible_to(user=self.request.user)

    def get_serializer_class(self):
        return DealDetailSerializer if self.action == "retrieve" else DealSerializer

    def _answer(self, deal: Deal, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=deal.pk)
        return Response(DealDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(
        request=DealCreateSerializer,
        responses={201: DealDetailSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = DealCreateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        film, buyer, organization = data.pop("film"), data.pop("buyer", None), data.pop("organization", None)
        if buyer is not None:
            deal = services.deal_record(actor=request.user, film=film, buyer=buyer, **data)
        elif not is_verified_buyer(request.user):
            raise serializers.ValidationError({"buyer": [_("Name the verified buyer company of the deal.")]})
        else:
            deal = services.deal_offer(actor=request.user, film=film, organization=organization, **data)
        return self._answer(deal, status.HTTP_201_CREATED)

    @extend_schema(
        request=DealUpdateSerializer,
        responses={200: DealDetailSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def partial_update(self, request: Request, pk=None) -> Response:
        deal = self.get_object()
        payload = DealUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.deal_update(actor=request.user, deal=deal, data=payload.validated_data)
        return self._answer(deal)

    transition = transition_action(
        service=services.deal_transition,
        object_kwarg="deal",
        response_serializer=DealDetailSerializer,
        table=DEAL_TRANSITIONS,
        description="A move not allowed now: rights not held or sold under a conflicting deal, the buyer company "
        "not verified, or a closed deal.",
        reread=True,
    )
