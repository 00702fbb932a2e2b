"""What every app's forms share: the model's own field rules on a plain form's fields, so a form
reports every field's error in one pass (rather than the services' model checks showing only
once every field has parsed)."""

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models


def form_take_model_rules(form: forms.BaseForm, model: type[models.Model]) -> None:
    """Give each of ``form``'s fields named like a field of ``model`` that model field's
    validators (ranges, https-only links, lengths; one of each kind, the model's replacing the
    form's), so ``form.is_valid()``
    names every broken rule at once. The services still check them."""
    for name, field in form.fields.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        # One rule of each kind, the model's last winning: an https-only link check replaces the
        # form's looser link check instead of reporting a second error for the same input.
        rules = {_kind(v): v for v in field.validators}
        rules.update((_kind(v), _own_message(v, field)) for v in model_field.validators)
        field.validators = list(rules.values())


class _ModelRule:
    """A model validator whose message the form field would replace by its own for the same
    error code (a form's URLField says "Enter a valid URL." for every ``invalid``): raised
    under a code of its own, its message stands."""

    def __init__(self, validator) -> None:
        self.validator = validator

    def __call__(self, value) -> None:
        try:
            self.validator(value)
        except ValidationError as exc:
            raise ValidationError(exc.messages, code=f"model_{getattr(exc, 'code', None) or 'invalid'}") from exc


def _kind(validator) -> type:
    return type(validator.validator if isinstance(validator, _ModelRule) else validator)


def _own_message(validator, field: forms.Field):
    code, message = getattr(validator, "code", None), getattr(validator, "message", None)
    if code in field.error_messages and message is not None and str(message) != str(field.error_messages[code]):
        return _ModelRule(validator)
    return validator
