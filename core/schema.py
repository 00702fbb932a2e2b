"""The OpenAPI schema generator every API view uses (``DEFAULT_SCHEMA_CLASS``)."""

from django.db import DatabaseError
from django.utils.translation import gettext as _
from django_filters import ChoiceFilter, MultipleChoiceFilter
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions, serializers

from core.api import ErrorSerializer, RulesPermission

# Text the API stores: no NUL character (PostgreSQL refuses it), and, where blank is refused,
# one character that is not white space (surrounding white space is trimmed before the check).
_CHOICE_FILTERS = (ChoiceFilter, MultipleChoiceFilter)
_TEXT = r"^[^\x00]*$"
_TEXT_NOT_BLANK = r"^[^\x00]*[^\s\x00][^\x00]*$"


def _decimal_pattern(field: serializers.DecimalField) -> str:
    """A decimal with at least one digit (drf-spectacular's own pattern also matches "" and "-"),
    and no minus sign where the field takes nothing below zero."""
    whole = "" if field.max_whole_digits is None else field.max_whole_digits
    places = "" if field.decimal_places is None else field.decimal_places
    sign = "" if field.min_value is not None and field.min_value >= 0 else "-?"
    digits = rf"(?:\d{{1,{whole}}}(?:\.\d{{0,{places}}})?|\.\d{{1,{places}}})" if places != 0 else rf"\d{{1,{whole}}}"
    return rf"^{sign}{digits}$"


def _choice_values(choices) -> list[str] | None:
    if callable(choices):
        try:
            choices = choices()
        except (DatabaseError, RuntimeError):
            # Choices read from the database (genres) are listed when it can answer; without one
            # (`manage.py spectacular` before `migrate`, a test module collected before its test
            # database exists, where pytest-django raises RuntimeError) the parameter stays open.
            return None
    values = []
    for value, label in choices:
        if isinstance(label, list | tuple):  # a group of choices
            values.extend(str(v) for v, _label in label)
        else:
            values.append(str(value))
    return values


class PortalAutoSchema(AutoSchema):
    """drf-spectacular's schema generator with house rules, so the schema says what the API answers.

    - A blank value is allowed where a field allows it: an optional website or e-mail answers
      ``""``, which no ``format: uri`` or ``format: email`` accepts on its own.
    - Text the API takes says what it refuses: a NUL character, and only white space where a
      value is required (``pattern``), also in fields a body adds beyond the documented ones.
    - Public reads (``RulesPermission.PUBLIC`` or ``AllowAny``) document that they need no
      credentials: ``{}`` is one of their security alternatives.
    - Every operation documents its error answers (all in the shape of ``ErrorSerializer``):
      401, 403 and 429 anywhere; 400 where there is input to refuse (a body or query
      parameters) or an object that cannot be deleted in its state; 404 where there is an
      object or a page to miss.
    """

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "request":
            # Fields a body names beyond the serializer's are ignored, but read all the same (by
            # the JSON parser, by the NUL check on forms): their text may not hold NUL. (Nor may
            # their names, which OpenAPI 3.0 has no keyword to say: `propertyNames` is 3.1's.)
            schema["additionalProperties"] = {"pattern": _TEXT}
        return schema

    def _insert_field_validators(self, field, schema):
        super()._insert_field_validators(field, schema)  # the last step of a field's schema
        if getattr(field, "allow_blank", False) and "format" in schema:
            schema["anyOf"] = [{"format": schema.pop("format")}, {"maxLength": 0}]
        if isinstance(field, serializers.DecimalField) and "pattern" in schema:
            schema["pattern"] = _decimal_pattern(field)
        if (
            type(field) is serializers.CharField
            and not field.read_only
            and not {"pattern", "format", "anyOf", "enum"} & set(schema)
        ):
            schema["pattern"] = _TEXT if field.allow_blank or not field.trim_whitespace else _TEXT_NOT_BLANK

    def _get_filter_parameters(self):
        """The filters' parameters with what the filters check: bounds, lengths, and the choices
        even where they are read when asked (genres, languages, countries, honours)."""
        parameters = super()._get_filter_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        filters = filterset_class.base_filters if filterset_class else {}
        for parameter in parameters:
            filter_ = filters.get(parameter["name"])
            if filter_ is None:
                continue
            schema = parameter["schema"]
            for keyword, bound in (("min_value", "minimum"), ("max_value", "maximum"), ("max_length", "maxLength")):
                if keyword in filter_.extra:
                    schema[bound] = filter_.extra[keyword]
            values = _choice_values(filter_.extra.get("choices", ())) if isinstance(filter_, _CHOICE_FILTERS) else None
            if values is not None:
                (schema.get("items") or schema)["enum"] = values
        return parameters

    def _is_public(self) -> bool:
        for permission in self.view.get_permissions():
            if isinstance(permission, permissions.AllowAny):
                return True
            if isinstance(permission, RulesPermission):
                action = getattr(self.view, "action", None) or self.method.lower()
                return getattr(self.view, "permission_rules", {}).get(action) == RulesPermission.PUBLIC
        return False

    def get_auth(self) -> list[dict]:
        auth = super().get_auth()
        if auth and {} not in auth and self._is_public():
            auth.append({})
        return auth

    def _error_answers(self) -> dict[str, str]:
        answers = {
            "401": _("No credentials, or credentials that are not valid."),
            "403": _("The user may not do this."),
            "429": _("Too many requests; try again later."),
        }
        has_query = bool(self._get_filter_parameters() or self._get_pagination_parameters())
        if self.method in ("POST", "PUT", "PATCH") or has_query:
            answers["400"] = _("The input was refused; the answer names each field and rule.")
        elif self.method == "DELETE":
            answers["400"] = _("The object cannot be deleted in its current state; the answer says why.")
        if "{" in self.path or self._is_list_view():
            answers["404"] = _("No such object visible to the user, or no such page.")
        return answers

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in self._error_answers().items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code, direction=direction
                )
        return responses
