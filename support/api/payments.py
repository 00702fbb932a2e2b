"""Payments of export-support grants: the tranches paid to an applicant company, seen by its
members and agency admins (other producers see none of them; buyers and reviewers may not
list them); agency admins record a tranche with ``POST``. When the tranches reach the granted
amount, the application becomes ``paid``."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import ErrorSerializer, RulesPermission
from core.filtersets import IntegerFilter
from core.money import MoneySerializerField
from support import services
from support.models import Application, Payment
from support.selectors.payments import application_list_for_payments, payment_list_visible_to

_ID = {"min_value": 1, "max_value": 2**31 - 1}

PAYMENT_FIELDS = ["id", "application", "film_title", "amount", "paid_on", "reference", "created_at"]


class PaymentSerializer(serializers.ModelSerializer):
    film_title = serializers.CharField(source="application.film.title_en", read_only=True)
    amount = MoneySerializerField(read_only=True)

    class Meta:
        model = Payment
        fields = PAYMENT_FIELDS
        read_only_fields = fields


class _PayableApplicationField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        **serializers.PrimaryKeyRelatedField.default_error_messages,
        "does_not_exist": _("No such application."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", Application.objects.none())
        super().__init__(**kwargs)

    def get_queryset(self):
        return application_list_for_payments(user=self.context["request"].user)


class PaymentCreateSerializer(serializers.Serializer):
    application = _PayableApplicationField(help_text="An approved application.")
    amount = MoneySerializerField(help_text="In the granted currency; at most what is left to pay.")
    paid_on = serializers.DateField(help_text="Not in the future.")
    reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)


class PaymentFilter(filters.FilterSet):
    application = IntegerFilter(field_name="application_id", **_ID)

    class Meta:
        model = Payment
        fields: list[str] = []


class PaymentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Payments of grants: your producer companies' (agency admins: all). Agency admins record a
    tranche; a tranche more than what is left, in another currency than the grant's, dated in
    the future or for an application that is not approved answers 400 naming the field."""

    serializer_class = PaymentSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": "support.list_payments",
        "retrieve": "support.view_payment",
        "create": "support.pay_application",
    }
    http_method_names = ["get", "post", "head", "options"]
    filterset_class = PaymentFilter

    def get_queryset(self):
        return payment_list_visible_to(user=self.request.user)

    @extend_schema(
        request=PaymentCreateSerializer,
        responses={201: PaymentSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = PaymentCreateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        payment = services.payment_record(
            actor=request.user,
            application=data["application"],
            amount=data["amount"],
            paid_on=data["paid_on"],
            reference=data["reference"],
        )
        fresh = self.get_queryset().get(pk=payment.pk)
        return Response(PaymentSerializer(fresh, context=self.get_serializer_context()).data, status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("payments", PaymentViewSet, basename="payment")
