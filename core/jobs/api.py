"""The API of background jobs: ``/api/v1/jobs/`` and ``/api/v1/jobs/{id}/``, read only.

A job is visible to the person who started it and to agency admins; to anyone else it does
not exist (404). The job's page polls ``/api/v1/jobs/{id}/`` to move its progress bar.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from core.api import ErrorSerializer
from core.jobs.registry import job_kind_get
from core.jobs.selectors import job_list_visible_to
from core.models import Job, JobStatus

JOB_FIELDS = [
    "id",
    "kind",
    "kind_label",
    "status",
    "status_display",
    "finished",
    "progress_done",
    "progress_total",
    "percent",
    "message",
    "errors",
    "result",
    "page",
    "created_at",
    "started_at",
    "finished_at",
]


class JobErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(
        allow_null=True, help_text="The file's row, the header being row 1; null for the file as a whole."
    )
    column = serializers.CharField(help_text="The column, or ``file`` for the file as a whole.")
    message = serializers.CharField()


class JobSerializer(serializers.ModelSerializer):
    kind_label = serializers.SerializerMethodField(help_text="What the job does, in the reader's language.")
    status = serializers.ChoiceField(choices=JobStatus.choices, read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    finished = serializers.BooleanField(source="is_finished", read_only=True, help_text="Succeeded or failed.")
    percent = serializers.IntegerField(read_only=True, help_text="Progress from 0 to 100.")
    errors = JobErrorSerializer(many=True, read_only=True, help_text="Why a failed job failed, row by row.")
    result = serializers.JSONField(read_only=True, help_text="What a job that succeeded made, by kind.")
    page = serializers.HyperlinkedIdentityField(view_name="core:job_detail", help_text="The job's page.")

    class Meta:
        model = Job
        fields = JOB_FIELDS
        read_only_fields = JOB_FIELDS

    def get_kind_label(self, job: Job) -> str:
        return str(job_kind_get(job.kind).label)


_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such job visible to the user.")


@extend_schema_view(
    list=extend_schema(summary="The user's background jobs, newest first (all jobs for agency admins)"),
    retrieve=extend_schema(
        summary="A background job's status and progress",
        responses={200: JobSerializer, 404: _NOT_FOUND},
    ),
)
class JobViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = JobSerializer
    filterset_fields = ["status", "kind"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return job_list_visible_to(user=self.request.user).order_by("-created_at", "-id")
