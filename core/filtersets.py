"""Filters shared by the API's filter sets."""

from django import forms
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(filters.NumberFilter):
    """A whole number (an id, a year): ``1.5`` is refused, not read as a decimal. ``min_value`` and
    ``max_value`` are checked and documented (``core.schema.PortalAutoSchema``)."""

    field_class = forms.IntegerField
