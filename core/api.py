"""API helpers shared by every app: error format, pagination, permissions, transitions."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.workflow import TransitionChoices, TransitionTable


def _where(key) -> str:
    if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
        return _("item %(n)s") % {"n": int(key) + 1}
    return str(key)


def _messages(detail, path: tuple = ()) -> list[str]:
    """Every message in a nested error as one string, led by where it is ("item 2, name: …"):
    the error schema promises a list of strings per field, whatever the field's shape."""
    if isinstance(detail, dict):
        return [message for key, value in detail.items() for message in _messages(value, (*path, key))]
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return [_located(path, str(item)) for item in detail]
        return [message for n, item in enumerate(detail) for message in _messages(item, (*path, n))]
    return [_located(path, str(detail))]


def _located(path: tuple, message: str) -> str:
    if not path:
        return message
    return _("%(where)s: %(message)s") % {"where": ", ".join(_where(key) for key in path), "message": message}


def _field_errors(detail) -> dict[str, list[str]]:
    """``{field: [message, …]}``; a list field's or nested object's errors are flattened into its list."""
    if not isinstance(detail, dict):
        return {"non_field_errors": _messages(detail)}
    return {str(field): _messages(value) for field, value in detail.items()}


def exception_handler(exc, context):
    """Every API error is JSON: ``{"message": ..., "code": ..., "errors": {field: [...]}}``.

    Django's own ``ValidationError`` and ``PermissionDenied`` raised by services are turned
    into 400 and 403 here, so viewsets can call services without translating errors.
    """
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        fields = ", ".join(sorted(errors))
        body = {
            "message": _("Invalid input: %(fields)s.") % {"fields": fields},
            "code": "invalid",
            "errors": errors,
        }
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        body = {
            "message": str(detail),
            "code": getattr(detail, "code", None) or getattr(exc, "default_code", "error"),
            "errors": {},
        }
    response.data = body
    return response


class ErrorSerializer(serializers.Serializer):
    message = serializers.CharField()
    code = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class CappedCountPaginator(Paginator):
    """Counts matches only up to ``COUNT_CAP``: counting 100,000 catalogue rows to print a number
    costs more than the page itself. Beyond the cap, ``count`` is the cap (and so are the pages
    one can reach) and ``count_exact`` is false."""

    COUNT_CAP = 10_000

    @cached_property
    def _counted(self) -> int:
        rows = self.object_list
        if isinstance(rows, QuerySet):
            # Only ids, no ordering: PostgreSQL stops after the cap instead of sorting every match.
            return rows.order_by().values("pk")[: self.COUNT_CAP + 1].count()
        return len(rows)

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.COUNT_CAP)

    @property
    def count_exact(self) -> bool:
        return self._counted <= self.COUNT_CAP


class PagePagination(PageNumberPagination):
    """``page`` and ``page_size`` (at most 100); the answer holds ``count`` (exact up to 10,000
    matches: ``count_exact`` is false beyond, with ``count`` at 10,000), ``next``, ``previous``
    and ``results``."""

    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = CappedCountPaginator

    def get_page_size(self, request: Request) -> int:
        """``page_size`` as asked, at most ``max_page_size``; anything but a whole number from 1 is
        refused (DRF would quietly use the default, which hides a client's mistake)."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
            raise exceptions.ValidationError({self.page_size_query_param: [_("Give a whole number from 1.")]})
        return min(int(raw), self.max_page_size)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters

    def get_paginated_response(self, data) -> Response:
        paginator = self.page.paginator
        return Response(
            {
                "count": paginator.count,
                "count_exact": paginator.count_exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        answer = super().get_paginated_response_schema(schema)
        answer["required"] = [*answer.get("required", []), "count_exact"]
        answer["properties"] = {
            "count": answer["properties"]["count"],
            "count_exact": {
                "type": "boolean",
                "description": "False when there are more matches than the count (10,000) says.",
            },
            **{k: v for k, v in answer["properties"].items() if k != "count"},
        }
        return answer


class RulesPermission(permissions.BasePermission):
    """Maps viewset actions to django-rules permissions.

    A viewset sets ``permission_rules = {"action": "app.perm" or None}``. ``None`` asks only
    for authentication; ``"*"`` lets anyone in. Object-level actions are checked against the
    object (which the viewset's queryset already limits to what the user may see, so an
    invisible object answers 404 and a forbidden action on a visible one 403). Actions not
    named are refused.
    """

    PUBLIC = "*"

    def _rule(self, view) -> tuple[bool, str | None]:
        rules = getattr(view, "permission_rules", {})
        action_name = getattr(view, "action", None) or request_method_action(view)
        if action_name not in rules:
            return False, None
        return True, rules[action_name]

    def has_permission(self, request: Request, view) -> bool:
        method = request.method.lower()
        if not hasattr(view, method) or method not in view.http_method_names:
            return True  # no such operation here: DRF answers 405, which says more than a 403
        known, rule = self._rule(view)
        if not known:
            return False
        if rule == self.PUBLIC:
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        if rule is None or getattr(view, "detail", False):
            return True
        return request.user.has_perm(rule)

    def has_object_permission(self, request: Request, view, obj) -> bool:
        _known, rule = self._rule(view)
        if rule in (None, self.PUBLIC):
            return True
        return request.user.has_perm(rule, obj)


def request_method_action(view) -> str | None:
    request = getattr(view, "request", None)
    return request.method.lower() if request is not None else None


class TransitionRequestSerializer(serializers.Serializer):
    """``{"to": …, "note": …}``; a viewset taking more input for some moves subclasses it and
    gives the subclass to :func:`transition_action` as ``input_serializer``."""

    to = serializers.CharField(max_length=64, help_text="The status to move to.")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


def _transition_choices(field: serializers.Field, obj) -> TransitionChoices:
    """One evaluation of the table (permissions and guards) per object and request, shared by
    ``allowed_transitions`` and ``blocked_transitions``."""
    request = field.context.get("request")
    memo = field.context.setdefault("_transition_choices", {})
    key = (id(field.table), type(obj), obj.pk, getattr(obj, field.status_field))
    if key not in memo:
        memo[key] = field.table.choices_for(obj=obj, user=getattr(request, "user", None), field=field.status_field)
    return memo[key]


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class AllowedTransitionsField(serializers.Field):
    """The statuses the requesting user may move this object to now: permitted, and no guard
    refuses (those are in ``blocked_transitions``)."""

    def __init__(self, *, table: TransitionTable, field: str = "status", **kwargs) -> None:
        self.table = table
        self.status_field = field
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, obj) -> list[str]:
        return [t.target for t in _transition_choices(self, obj).allowed]


class BlockedTransitionSerializer(serializers.Serializer):
    to = serializers.CharField(help_text="A status the user could move the object to, but not now.")
    reasons = serializers.ListField(child=serializers.CharField(), help_text="Every reason the move is refused now.")


@extend_schema_field(BlockedTransitionSerializer(many=True, read_only=True))
class BlockedTransitionsField(AllowedTransitionsField):
    """The moves the requesting user could make but a guard refuses now, each with its reasons:
    ``[{"to": …, "reasons": […]}]``."""

    def to_representation(self, obj) -> list[dict]:
        return [{"to": b.target, "reasons": list(b.reasons)} for b in _transition_choices(self, obj).blocked]


def transition_action(
    *,
    service: Callable,
    object_kwarg: str,
    response_serializer: type[serializers.Serializer],
    table: TransitionTable,
    field: str = "status",
    input_serializer: type[TransitionRequestSerializer] = TransitionRequestSerializer,
    description: str = "Unknown status, a move not allowed now (with every reason a guard gives), or bad input.",
    reread: bool = False,
):
    """Build the ``POST …/{id}/transition/`` action for a viewset.

    The object is fetched through the viewset's queryset (404 when invisible). Permission comes
    before validation: once ``to`` names a move the table has from the object's state, a user
    without that move's permission gets 403 whatever else the body holds. Then the rest of the
    body is read with ``input_serializer`` (a subclass of ``TransitionRequestSerializer``, whose
    extra fields reach the service as keyword arguments), and the service does the rest under
    its row lock; its refusals come back as 400 (every reason) or 403. ``reread`` answers with
    the object read again through the viewset's queryset (with the joins its serializer expects).
    """

    @extend_schema(
        request=input_serializer,
        responses={
            200: response_serializer,
            400: OpenApiResponse(ErrorSerializer, description=description),
            403: OpenApiResponse(ErrorSerializer, description="The user may not make this move."),
            404: OpenApiResponse(ErrorSerializer, description="No such object visible to the user."),
        },
    )
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk=None) -> Response:
        obj = self.get_object()
        target = TransitionRequestSerializer(data=request.data)
        target.is_valid(raise_exception=True)
        move = table.get(getattr(obj, field), target.validated_data["to"])
        if move is not None and not request.user.has_perm(move.permission, obj):
            raise exceptions.PermissionDenied(_("You may not make this change."))
        payload = input_serializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        updated = service(
            **{object_kwarg: obj},
            to=data.pop("to"),
            actor=request.user,
            note=data.pop("note", ""),
            **data,
        )
        if reread:
            updated = self.get_queryset().filter(pk=updated.pk).first() or updated
        return Response(
            response_serializer(updated, context=self.get_serializer_context()).data,
            status=status.HTTP_200_OK,
        )

    return transition
