"""Reviews of export-support applications: a reviewer sees and scores their own assignments;
agency admins see every review, assign reviewers (``POST``) and unassign them before they
submit (``DELETE``). Nobody else sees any (403). A reviewer declares no conflict of interest
(``declare/``) before scoring (``scores/``); declaring a conflict recuses them. On a programme
with blind review, a reviewer does not learn the applicant company (``applicant`` is null)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from core.api import ErrorSerializer, RulesPermission
from core.filtersets import IntegerFilter
from support import services
from support.models import Application, CriterionScore, Review
from support.selectors import reviews as selectors

_ID = {"min_value": 1, "max_value": 2**31 - 1}


class CriterionScoreSerializer(serializers.ModelSerializer):
    criterion_name = serializers.SerializerMethodField()
    weight = serializers.IntegerField(source="criterion.weight", read_only=True)

    class Meta:
        model = CriterionScore
        fields = ["criterion", "criterion_name", "weight", "score", "comment"]
        read_only_fields = fields

    def get_criterion_name(self, score: CriterionScore) -> str:
        return score.criterion.display_name()


class ReviewSerializer(serializers.ModelSerializer):
    programme = serializers.IntegerField(source="application.programme_id", read_only=True)
    film = serializers.IntegerField(source="application.film_id", read_only=True)
    film_title = serializers.CharField(source="application.film.title_en", read_only=True)
    application_status = serializers.CharField(source="application.status", read_only=True)
    applicant = serializers.SerializerMethodField(help_text="The applicant company's id; null under blind review.")
    applicant_name = serializers.SerializerMethodField(help_text="Null under blind review.")
    reviewer_name = serializers.CharField(source="reviewer.display_name", read_only=True)
    state = serializers.SerializerMethodField()
    scores = CriterionScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "application",
            "application_status",
            "programme",
            "film",
            "film_title",
            "applicant",
            "applicant_name",
            "reviewer",
            "reviewer_name",
            "state",
            "no_conflict_declared_at",
            "comment",
            "submitted_at",
            "scores",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _sees_applicant(self, review: Review) -> bool:
        request = self.context.get("request")
        return bool(request and request.user.has_perm("support.see_applicant", review.application))

    def get_applicant(self, review: Review) -> int | None:
        return review.application.organization_id if self._sees_applicant(review) else None

    def get_applicant_name(self, review: Review) -> str | None:
        return review.application.organization.name if self._sees_applicant(review) else None

    def get_state(self, review: Review) -> str:
        return selectors.review_state(review)


class ReviewAssignSerializer(serializers.Serializer):
    application = serializers.PrimaryKeyRelatedField(queryset=Application.objects.all())
    reviewer = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), help_text="An active user with the reviewer role, not of the applicant company."
    )


class ReviewDeclareSerializer(serializers.Serializer):
    no_conflict = serializers.BooleanField(
        help_text="true: no conflict of interest with the applicant; false: a conflict, which recuses you."
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class ScoreInputSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(**_ID)
    score = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class ReviewScoresSerializer(serializers.Serializer):
    scores = ScoreInputSerializer(many=True, help_text="One entry per criterion; a draft may leave some out.")
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    submit = serializers.BooleanField(required=False, default=False, help_text="true: submit; it cannot change after.")

    def validate_scores(self, value: list[dict]) -> list[dict]:
        seen = set()
        for entry in value:
            if entry["criterion"] in seen:
                raise serializers.ValidationError(_("Criterion %(id)s is given twice.") % {"id": entry["criterion"]})
            seen.add(entry["criterion"])
        return value


class DeclareAnswerSerializer(serializers.Serializer):
    recused = serializers.BooleanField()
    review = ReviewSerializer(allow_null=True)


class ReviewFilter(filters.FilterSet):
    application = IntegerFilter(field_name="application_id", **_ID)
    programme = IntegerFilter(field_name="application__programme_id", **_ID)
    state = filters.MultipleChoiceFilter(
        choices=[(state, state) for state in selectors.REVIEW_STATES], method="filter_state", label="State"
    )

    class Meta:
        model = Review
        fields: list[str] = []

    def filter_state(self, queryset, name, value):
        if not value:
            return queryset
        wanted = Q()
        if selectors.STATE_TO_DECLARE in value:
            wanted |= Q(no_conflict_declared_at__isnull=True)
        if selectors.STATE_TO_SCORE in value:
            wanted |= Q(no_conflict_declared_at__isnull=False, submitted_at__isnull=True)
        if selectors.STATE_SUBMITTED in value:
            wanted |= Q(submitted_at__isnull=False)
        return queryset.filter(wanted)


class ReviewViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """Reviews: a reviewer's own, every one for agency admins. Scores are commercial facts,
    seen by no one else."""

    serializer_class = ReviewSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": "support.list_reviews",
        "retrieve": "support.view_review",
        "create": "support.assign_reviewers",
        "destroy": "support.assign_reviewers",
        "declare": "support.change_review",
        "scores": "support.change_review",
    }
    http_method_names = ["get", "post", "put", "delete", "head", "options"]
    filterset_class = ReviewFilter

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        # Reviewers and agency admins only, on every action.
        if request.user.is_authenticated and not request.user.has_perm("support.list_reviews"):
            self.permission_denied(request)

    def get_queryset(self):
        return selectors.review_list_for(user=self.request.user)

    def _answer(self, review: Review, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=review.pk)
        return Response(ReviewSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(
        request=ReviewAssignSerializer,
        responses={
            201: ReviewSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description="The reviewer is not an active reviewer, belongs to the applicant company (a conflict "
                "of interest) or is assigned already; the application is not before the reviewers.",
            ),
            403: ErrorSerializer,
        },
    )
    def create(self, request: Request) -> Response:
        payload = ReviewAssignSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        review = services.review_assign(
            actor=request.user,
            application=payload.validated_data["application"],
            reviewer=payload.validated_data["reviewer"],
        )
        return self._answer(review, status.HTTP_201_CREATED)

    @extend_schema(
        responses={
            204: None,
            400: OpenApiResponse(ErrorSerializer, description="The review is submitted: it stays."),
            403: ErrorSerializer,
            404: ErrorSerializer,
        }
    )
    def destroy(self, request: Request, pk=None) -> Response:
        review = self.get_object()
        services.review_unassign(actor=request.user, review=review)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=ReviewDeclareSerializer,
        responses={
            200: DeclareAnswerSerializer,
            400: OpenApiResponse(ErrorSerializer, description="The review is submitted already; bad input."),
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    @action(detail=True, methods=["post"])
    def declare(self, request: Request, pk=None) -> Response:
        """Declare no conflict of interest (``true``) before scoring, or a conflict (``false``),
        which takes you off the review: the agency is told."""
        review = self.get_object()
        payload = ReviewDeclareSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        kept = services.review_declare(
            actor=request.user,
            review=review,
            no_conflict=payload.validated_data["no_conflict"],
            note=payload.validated_data["note"],
        )
        if kept is None:
            return Response({"recused": True, "review": None})
        fresh = self.get_queryset().get(pk=kept.pk)
        answer = ReviewSerializer(fresh, context=self.get_serializer_context()).data
        return Response({"recused": False, "review": answer})

    @extend_schema(
        request=ReviewScoresSerializer,
        responses={
            200: ReviewSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description="No declaration yet, a submitted review, the application no longer before the "
                "reviewers, a criterion not of the rubric, or a criterion left unscored on submitting.",
            ),
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    @action(detail=True, methods=["put", "post"])
    def scores(self, request: Request, pk=None) -> Response:
        """Save the scores (a draft may be partial; the scores given replace the draft's) and
        submit with ``"submit": true`` once every criterion is scored."""
        review = self.get_object()
        payload = ReviewScoresSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        services.review_score(
            actor=request.user,
            review=review,
            scores={e["criterion"]: {"score": e["score"], "comment": e["comment"]} for e in data["scores"]},
            comment=data["comment"],
            submit=data["submit"],
        )
        return self._answer(review)


def register(router) -> None:
    router.register("reviews", ReviewViewSet, basename="review")
