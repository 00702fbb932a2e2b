"""The OpenAPI schema generator every API view uses (``DEFAULT_SCHEMA_CLASS``)."""

from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from core.api import ErrorSerializer


class PortalAutoSchema(AutoSchema):
    """drf-spectacular's schema generator with two house rules, so the schema says what the API answers.

    - A blank value is allowed where a field allows it: an optional website or e-mail answers
      ``""``, which no ``format: uri`` or ``format: email`` accepts on its own.
    - Every operation documents its error answers (all in the shape of ``ErrorSerializer``):
      401, 403 and 429 anywhere; 400 where there is input to refuse (a body or query
      parameters); 404 where there is an object or a page to miss.
    """

    def _insert_field_validators(self, field, schema):
        super()._insert_field_validators(field, schema)  # the last step of a field's schema
        if getattr(field, "allow_blank", False) and "format" in schema:
            schema["anyOf"] = [{"format": schema.pop("format")}, {"maxLength": 0}]

    def _error_answers(self) -> dict[str, str]:
        answers = {
            "401": _("No credentials, or credentials that are not valid."),
            "403": _("The user may not do this."),
            "429": _("Too many requests; try again later."),
        }
        has_query = bool(self._get_filter_parameters() or self._get_pagination_parameters())
        if self.method in ("POST", "PUT", "PATCH") or has_query:
            answers["400"] = _("The input was refused; the answer names each field and rule.")
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
