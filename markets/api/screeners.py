"""Hosted screeners in the API: the grants a user may see (a buyer's own, those of the user's
films, all for agency admins), revoking one, and its plays: producers and agency admins list
them, the buyer opens one and gets a short-lived signed video address (or the outside link).
Granting is the screener request's ``granted`` move (``/api/v1/screener-requests/{id}/transition/``)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import ErrorSerializer, RulesPermission
from core.net import client_ip
from films.api.common import VerificationRefusals
from films.models import Film
from markets import selectors, services
from markets.models import ScreenerFile, ScreenerGrant, ScreenerPlay

GRANT_FIELDS = [
    "id",
    "film",
    "film_title",
    "film_title_original",
    "producer_name",
    "organization",
    "organization_name",
    "buyer_user",
    "buyer_name",
    "request",
    "state",
    "expires_at",
    "max_plays",
    "plays_used",
    "plays_left",
    "revoked_at",
    "has_file",
    "has_outside_link",
    "watch_url",
    "created_at",
]


class ScreenerGrantSerializer(serializers.ModelSerializer):
    film_title = serializers.CharField(source="film.title_en", read_only=True)
    film_title_original = serializers.CharField(source="film.title_original", read_only=True)
    producer_name = serializers.CharField(source="film.organization.name", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    buyer_name = serializers.CharField(source="buyer_user.display_name", read_only=True)
    state = serializers.SerializerMethodField(help_text="active, expired, revoked or exhausted (no plays left).")
    plays_left = serializers.IntegerField(read_only=True)
    has_file = serializers.SerializerMethodField(help_text="The film has a hosted screener file.")
    has_outside_link = serializers.SerializerMethodField(help_text="The film has an outside screener link.")
    watch_url = serializers.SerializerMethodField(help_text="The buyer's player page.")

    class Meta:
        model = ScreenerGrant
        fields = GRANT_FIELDS
        read_only_fields = GRANT_FIELDS

    def get_state(self, grant: ScreenerGrant) -> str:
        return services.screener_grant_state(grant, now=self.context.setdefault("now", timezone.now()))

    def get_has_file(self, grant: ScreenerGrant) -> bool:
        return hasattr(grant.film, "screener_file")

    def get_has_outside_link(self, grant: ScreenerGrant) -> bool:
        return bool(grant.film.screener_url)

    def get_watch_url(self, grant: ScreenerGrant) -> str:
        return reverse("market_screeners:watch", args=[grant.pk])


class ScreenerPlaySerializer(serializers.ModelSerializer):
    user_name = serializers.CharField(source="user.display_name", read_only=True)

    class Meta:
        model = ScreenerPlay
        fields = [
            "id",
            "user",
            "user_name",
            "started_at",
            "last_seen_at",
            "ip_address",
            "user_agent",
            "seconds_watched",
            "outside_link",
        ]
        read_only_fields = fields


class ScreenerPlayStartedSerializer(serializers.Serializer):
    play = serializers.IntegerField(help_text="The new play's id.")
    video_url = serializers.CharField(
        allow_blank=True,
        help_text="The signed video address (byte ranges; valid for SCREENER_URL_MAX_AGE seconds), when the "
        "film has a hosted file; empty otherwise.",
    )
    outside_url = serializers.CharField(
        allow_blank=True, help_text="The outside screener link, when the film has no hosted file."
    )
    progress_url = serializers.CharField(help_text='Where the player POSTs {"seconds": n} (session and CSRF).')
    plays_left = serializers.IntegerField()


class ScreenerRevokeSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class ScreenerGrantViewSet(
    VerificationRefusals, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Screener grants. A buyer sees their own (personal: not their colleagues'), the film's
    company members those of their films, agency admins all. ``revoke/`` ends one (producer,
    admins). ``plays/``: GET lists its plays (producer, admins); POST opens a play for the buyer
    (counts against ``max_plays``) and answers the signed video address, or the outside link;
    410 with the reason when the grant is revoked, expired or out of plays."""

    serializer_class = ScreenerGrantSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": "markets.list_screenergrants",
        "retrieve": "markets.view_screenergrant",
        "revoke": "markets.revoke_screenergrant",
        "plays": "markets.view_screenergrant",
    }
    verified_only_actions = ("list", "retrieve", "plays")

    def get_queryset(self):
        return selectors.screener_grant_list_visible_to(user=self.request.user)

    @extend_schema(
        request=ScreenerRevokeSerializer,
        responses={200: ScreenerGrantSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk=None) -> Response:
        grant = self.get_object()
        payload = ScreenerRevokeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.screener_grant_revoke(grant=grant, actor=request.user, note=payload.validated_data["note"])
        grant = self.get_queryset().get(pk=grant.pk)
        return Response(self.get_serializer(grant).data)

    @extend_schema(
        methods=["GET"],
        responses={200: ScreenerPlaySerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
    )
    @extend_schema(
        methods=["POST"],
        request=None,
        responses={
            201: ScreenerPlayStartedSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            410: OpenApiResponse(ErrorSerializer, description="Revoked, expired or out of plays (code grant_ended)."),
        },
    )
    @action(detail=True, methods=["get", "post"])
    def plays(self, request: Request, pk=None) -> Response:
        grant = self.get_object()
        if request.method == "GET":
            if not request.user.has_perm("markets.view_plays_screenergrant", grant):
                raise exceptions.PermissionDenied(
                    _("The plays of a grant are for the film's company and agency admins."), code="producer_only"
                )
            page = self.paginate_queryset(selectors.screener_play_list_for(grant=grant))
            return self.get_paginated_response(ScreenerPlaySerializer(page, many=True).data)
        if not request.user.has_perm("markets.watch_screenergrant", grant):
            raise exceptions.PermissionDenied(_("Only the buyer the grant names may watch."), code="not_your_grant")
        screener = getattr(grant.film, "screener_file", None)
        if screener is None and not grant.film.screener_url:
            raise exceptions.NotFound(_("The film has no screener to watch."))
        try:
            play = services.screener_play_start(
                grant=grant,
                actor=request.user,
                ip_address=client_ip(request),
                user_agent=request.headers.get("user-agent", ""),
                outside_link=screener is None,
            )
        except services.ScreenerGrantEnded as exc:
            return Response({"message": str(exc), "code": "grant_ended", "errors": {}}, status=status.HTTP_410_GONE)
        body = {
            "play": play.pk,
            "video_url": services.screener_video_url(play=play) if screener is not None else "",
            "outside_url": grant.film.screener_url if screener is None else "",
            "progress_url": reverse("market_screeners:progress", args=[play.pk]),
            "plays_left": grant.plays_left,
        }
        return Response(ScreenerPlayStartedSerializer(body).data, status=status.HTTP_201_CREATED)


class ScreenerFileSerializer(serializers.ModelSerializer):
    film_title = serializers.CharField(source="film.title_en", read_only=True)

    class Meta:
        model = ScreenerFile
        fields = [
            "id",
            "film",
            "film_title",
            "container",
            "video_codec",
            "content_type",
            "width",
            "height",
            "duration_seconds",
            "size_bytes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ScreenerFileUploadSerializer(serializers.Serializer):
    film = serializers.PrimaryKeyRelatedField(queryset=Film.objects.none(), help_text="One of your companies' films.")
    file = serializers.FileField(help_text="MP4 (H.264) or WebM (VP8, VP9, AV1), at most SCREENER_MAX_BYTES.")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "request" in self.context:
            self.fields["film"].queryset = selectors.screener_film_list_managed_by(user=self.context["request"].user)


class ScreenerFileViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Films' hosted screener files, for their companies' members and agency admins. ``POST``
    (multipart: ``film``, ``file``) uploads or replaces a film's screener (the film's company
    members); the file is judged by its content with ffprobe and a refusal names the rule."""

    serializer_class = ScreenerFileSerializer
    parser_classes = [MultiPartParser]  # the one body it takes is an upload
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": "markets.upload_screener",
        "retrieve": "markets.view_screenerfile",
        "create": "markets.upload_screener",
    }

    def get_queryset(self):
        films = selectors.screener_film_list_managed_by(user=self.request.user)
        return ScreenerFile.objects.filter(film__in=films).select_related("film").order_by("-updated_at", "-id")

    @extend_schema(
        request={"multipart/form-data": ScreenerFileUploadSerializer},
        responses={201: ScreenerFileSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = ScreenerFileUploadSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        screener = services.screener_file_upload(
            film=payload.validated_data["film"], actor=request.user, upload=payload.validated_data["file"]
        )
        return Response(ScreenerFileSerializer(screener).data, status=status.HTTP_201_CREATED)
