"""Films serializers: a public card, a full record, what producers write; rights rows and images.

The lists render through ``films.api.records`` (plain dicts, held to these serializers by
tests); these describe the shapes in the schema and validate what producers send."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    PolymorphicProxySerializer,
    extend_schema_field,
)
from rest_framework import serializers

from accounts.models import Organization
from core.api import AllowedTransitionsField, BlockedTransitionsField
from films import selectors, services
from films.api.common import film_permissions
from films.api.records import ACCESS_FULL, ACCESS_PUBLIC, film_card, film_full, film_record
from films.enums import LISTING_TRANSITIONS, ImageKind, ListingStatus, RightsMedia, RightsStatus, ShownRightsStatus
from films.models import Credit, Film, FilmImage


class _CodeListField(serializers.ListField):
    """A list of codes (genre slugs, language or country codes), written as such and read with
    ``read(film)`` from what the list loaded. The service checks the codes and names unknown ones."""

    def __init__(self, *, read, **kwargs) -> None:
        self.read = read
        kwargs.setdefault("child", serializers.CharField(max_length=40))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return self.read(instance)


def _genre_slugs(film: Film) -> list[str]:
    return [genre.slug for genre in film.genres.all()]


class CreditSerializer(serializers.ModelSerializer):
    class Meta:
        model = Credit
        fields = ["role", "name", "name_latin", "character"]


def _details(film: Film) -> selectors.FilmDetails:
    if not hasattr(film, "details"):
        # One film rendered on its own (a detail, a write, a transition): one query.
        selectors.film_details_attach([film])
    return film.details


class _CreditListField(serializers.ListField):
    """The film's credits, written as a list and read from ``film.details``."""

    def __init__(self, **kwargs) -> None:
        super().__init__(child=CreditSerializer(), required=False, **kwargs)

    def get_attribute(self, instance):
        return _details(instance).credits


class PosterSerializer(serializers.ModelSerializer):
    class Meta:
        model = FilmImage
        fields = ["original", "display", "thumbnail", "width", "height"]
        read_only_fields = fields


class FilmCardSerializer(serializers.ModelSerializer):
    """What anyone may see of a published film."""

    access = serializers.SerializerMethodField(help_text="“public”: this card; “full”: the full record.")
    genres = _CodeListField(read=_genre_slugs, read_only=True, help_text="Genre slugs (see /api/v1/genres/).")
    poster = serializers.SerializerMethodField()
    status = serializers.ChoiceField(
        source="listing_status", choices=ListingStatus.choices, read_only=True, help_text="Catalogue listing status."
    )
    allowed_transitions = AllowedTransitionsField(table=LISTING_TRANSITIONS, field="listing_status")
    blocked_transitions = BlockedTransitionsField(table=LISTING_TRANSITIONS, field="listing_status")

    access_value = ACCESS_PUBLIC

    class Meta:
        model = Film
        fields = [
            "id",
            "access",
            "title_original",
            "title_en",
            "logline_en",
            "logline_zh",
            "film_type",
            "genres",
            "production_year",
            "runtime_minutes",
            "poster",
            "status",
            "allowed_transitions",
            "blocked_transitions",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "enum": [ACCESS_PUBLIC]})
    def get_access(self, film: Film) -> str:
        return self.access_value

    @extend_schema_field(PosterSerializer(allow_null=True))
    def get_poster(self, film: Film) -> dict | None:
        images = getattr(film, "poster_images", None)
        if images is None:
            # A single film not read through selectors.film_list_with_cards (e.g. after a transition).
            images = list(film.images.filter(kind=ImageKind.POSTER).order_by("-id")[:1])
        return PosterSerializer(images[0], context=self.context).data if images else None

    def to_representation(self, film: Film) -> dict:
        # films/api/records.py renders what the fields above describe, without DRF's per-field cost.
        return film_card(film, request=self.context.get("request"), permissions=film_permissions(self.context))


class FilmSerializer(FilmCardSerializer):
    """A film's full record; what its producer writes."""

    organization = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The producer organization.")
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    genres = _CodeListField(read=_genre_slugs, help_text="Genre slugs (see /api/v1/genres/).")
    original_languages = _CodeListField(
        read=lambda film: _details(film).original_languages, help_text="ISO 639 codes, e.g. cmn, yue, en."
    )
    subtitle_languages = _CodeListField(read=lambda film: _details(film).subtitle_languages, help_text="ISO 639 codes.")
    countries = _CodeListField(
        read=lambda film: _details(film).countries, help_text="Countries of production, ISO 3166 codes."
    )
    credits = _CreditListField(help_text="In billing order.")
    sales_agent = serializers.PrimaryKeyRelatedField(
        queryset=selectors.organization_list_sales_agents(), allow_null=True, required=False
    )
    production_companies = serializers.PrimaryKeyRelatedField(
        queryset=selectors.organization_list_sales_agents(),
        many=True,
        required=False,
        help_text="Ids of the production companies (producer organizations), co-producers included.",
    )
    screener_url = serializers.URLField(
        allow_blank=True,
        allow_null=True,
        required=False,
        max_length=200,
        help_text="https only. Shown to the producer's members and agency admins; null for others.",
    )
    missing_for_review = serializers.SerializerMethodField(
        help_text="What the film lacks before review, for those who may edit it; null for others."
    )

    access_value = ACCESS_FULL

    # The enum tells a full record from a card in the schema's oneOf (a card's fields are a subset).
    @extend_schema_field({"type": "string", "enum": [ACCESS_FULL]})
    def get_access(self, film: Film) -> str:
        return self.access_value

    class Meta:
        model = Film
        fields = [
            "id",
            "access",
            "organization",
            "organization_name",
            "title_original",
            "title_en",
            "logline_en",
            "logline_zh",
            "synopsis_en",
            "synopsis_zh",
            "film_type",
            "genres",
            "production_year",
            "runtime_minutes",
            "completion_status",
            "original_languages",
            "subtitle_languages",
            "countries",
            "credits",
            "sales_agent",
            "production_companies",
            "trailer_url",
            "screener_url",
            "picture_format",
            "aspect_ratio",
            "sound",
            "domestic_release_date",
            "box_office_amount",
            "box_office_currency",
            "sales_contact_email",
            "poster",
            "status",
            "allowed_transitions",
            "blocked_transitions",
            "missing_for_review",
            "published_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "access",
            "organization",
            "organization_name",
            "poster",
            "status",
            "allowed_transitions",
            "blocked_transitions",
            "missing_for_review",
            "published_at",
            "created_at",
            "updated_at",
        ]

    def _user(self):
        return self.context["request"].user

    def validate_screener_url(self, value: str | None) -> str:
        return value or ""

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_missing_for_review(self, film: Film) -> list[str] | None:
        if not self._user().has_perm("films.change_film", film):
            return None
        if hasattr(film, "review_has_rights"):
            return services.film_missing_from_facts(
                film=film,
                has_poster=film.review_has_poster,
                has_director=film.review_has_director,
                has_rights=film.review_has_rights,
            )
        return services.film_missing_for_review(film=film)

    def to_representation(self, film: Film) -> dict:
        # The screener link reaches buyers only through screener access (granted, per buyer, logged):
        # films/api/records.py renders it for the producer's members and reviewers only.
        return film_full(film, request=self.context.get("request"), permissions=film_permissions(self.context))


class _FilmOwnerField(serializers.PrimaryKeyRelatedField):
    """An organization the requesting user may register films for."""

    def get_queryset(self):
        return selectors.organization_list_film_owners(user=self.context["request"].user, any_for_admin=True)


class FilmCreateSerializer(FilmSerializer):
    organization = _FilmOwnerField(
        queryset=Organization.objects.none(),  # the model, for the schema; get_queryset answers per user
        help_text="The producer organization the film belongs to (one of yours).",
    )

    class Meta(FilmSerializer.Meta):
        read_only_fields = [name for name in FilmSerializer.Meta.read_only_fields if name != "organization"]


class FilmReadSerializer(serializers.BaseSerializer):
    """Each film in full for a user who may see its full record, as a public card otherwise."""

    def to_representation(self, film: Film) -> dict:
        return film_record(film, request=self.context.get("request"), permissions=film_permissions(self.context))


def film_record_schema(*, many: bool | None = None) -> PolymorphicProxySerializer:
    """The schema of what FilmReadSerializer renders: a full record or a card, told apart by ``access``."""
    return PolymorphicProxySerializer(
        component_name="FilmRecord",
        serializers={ACCESS_FULL: FilmSerializer, ACCESS_PUBLIC: FilmCardSerializer},
        resource_type_field_name="access",
        many=many,
    )


class FilmRightSerializer(serializers.Serializer):
    """One cell of the rights grid (a country × a media) as the requesting user may see it
    (``films.selectors.right_project``): the film's producer members and agency admins see every
    holder, counterpart and term; a buyer sees its own company's deals in full, and another
    company's sale or negotiation only as ``not_available``, with no holder and no term."""

    territory = serializers.CharField(help_text="ISO 3166 country code.")
    media = serializers.ChoiceField(choices=RightsMedia.choices)
    status = serializers.ChoiceField(choices=ShownRightsStatus.choices)
    holder = serializers.CharField(help_text="The holder's name as the producer wrote it; empty when not shown.")
    holder_organization = serializers.IntegerField(
        allow_null=True, help_text="The buyer company on the other side of the deal, when shown."
    )
    holder_organization_name = serializers.CharField(allow_blank=True)
    term_start = serializers.DateField(allow_null=True)
    term_end = serializers.DateField(allow_null=True)
    own = serializers.BooleanField(help_text="A deal of the requesting user's own company.")

    def to_representation(self, item) -> dict:
        territory, medium, cell = item
        return {
            "territory": territory,
            "media": medium,
            "status": cell.status,
            "holder": cell.holder,
            "holder_organization": cell.holder_organization,
            "holder_organization_name": cell.holder_organization_name,
            "term_start": _DATE.to_representation(cell.term_start) if cell.term_start else None,
            "term_end": _DATE.to_representation(cell.term_end) if cell.term_end else None,
            "own": cell.own,
        }


_DATE = serializers.DateField()
_MEDIA_VALUES = [*RightsMedia.values]


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "enum": [*_MEDIA_VALUES, "all"]},
            {"type": "array", "items": {"type": "string", "enum": _MEDIA_VALUES}},
        ],
        "description": "One media, a list of media, or “all”.",
    }
)
class _RightsMediaField(serializers.Field):
    default_error_messages = {"invalid": gettext_lazy("Give one media, a list of media, or “all”.")}

    def to_internal_value(self, data):
        if isinstance(data, str) or (isinstance(data, list) and all(isinstance(item, str) for item in data)):
            return data
        self.fail("invalid")

    def to_representation(self, value):
        return value


class RightsRowSerializer(serializers.Serializer):
    """A row of a bulk replace: a country or region × one or more media, except some territories."""

    territory = serializers.CharField(
        max_length=40, help_text="An ISO 3166 country code, or a region: worldwide, europe, latin_america, …"
    )
    media = _RightsMediaField()
    status = serializers.ChoiceField(choices=RightsStatus.choices, required=False)
    holder = serializers.CharField(max_length=200, required=False, allow_blank=True)
    holder_organization = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="For a sale or negotiation: the buyer company's id; its members then see the row in full.",
    )
    term_start = serializers.DateField(required=False, allow_null=True)
    term_end = serializers.DateField(required=False, allow_null=True)

    def get_fields(self):
        fields = super().get_fields()
        # ``except`` is a Python keyword, so it cannot be declared as a class attribute.
        fields["except"] = serializers.ListField(
            child=serializers.CharField(max_length=40),
            required=False,
            help_text="Countries or regions the row leaves out, e.g. ['CN'].",
        )
        return fields


def _row_problems(errors: dict) -> list[str]:
    return [
        _("%(field)s: %(msg)s") % {"field": field, "msg": " ".join(str(msg).rstrip(".") for msg in msgs)}
        for field, msgs in errors.items()
    ]


def rights_rows_parse(data) -> tuple[list[dict | None], dict[int, list[str]]]:
    """Parse a bulk-replace body into the service's rows and the shape problems of each row
    (``{row number: [problem, …]}``); a row with shape problems is ``None``, so the service
    names its other rows' problems in the same answer, one message per row."""
    if not isinstance(data, list):
        raise DjangoValidationError({"rights": [_("Send a list of rights rows.")]})
    rows: list[dict | None] = []
    problems: dict[int, list[str]] = {}
    for n, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            rows.append(None)
            problems[n] = [_("not a rights row (an object with a territory and media)")]
            continue
        row = RightsRowSerializer(data=item)
        if row.is_valid():
            rows.append(dict(row.validated_data))
        else:
            rows.append(None)
            problems[n] = _row_problems(row.errors)
    return rows, problems


class FilmImageSerializer(serializers.ModelSerializer):
    class Meta:
        model = FilmImage
        fields = ["id", "kind", "caption", "original", "display", "thumbnail", "width", "height", "created_at"]
        read_only_fields = fields


class FilmImageUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A JPEG, PNG or WebP image, at most 10 MB and 10,000 px a side.")
    kind = serializers.ChoiceField(choices=ImageKind.choices, default=ImageKind.POSTER)
    caption = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
