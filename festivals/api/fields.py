"""Fields the festivals API shares."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from films.models import Film
from films.selectors import film_list_of_user_organizations


class OwnFilmField(serializers.PrimaryKeyRelatedField):
    """A film of one of the requesting user's companies; any other id is refused naming the field."""

    default_error_messages = {
        **serializers.PrimaryKeyRelatedField.default_error_messages,
        "does_not_exist": _("Choose a film of your own company."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", Film.objects.none())  # the model, for the schema; get_queryset answers per user
        super().__init__(**kwargs)

    def get_queryset(self):
        return film_list_of_user_organizations(user=self.context["request"].user)
