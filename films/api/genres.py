"""The genre list."""

from rest_framework import mixins, serializers, viewsets

from core.api import RulesPermission
from films import selectors
from films.models import Genre

# --- Genres -----------------------------------------------------------------------------


class GenreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Genre
        fields = ["slug", "name_en", "name_zh"]


class GenreViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The genres a film can have (anyone may read them)."""

    serializer_class = GenreSerializer
    permission_classes = [RulesPermission]
    permission_rules = {"list": RulesPermission.PUBLIC}
    filter_backends: list = []

    def get_queryset(self):
        return selectors.genre_list()
