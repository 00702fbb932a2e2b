"""The base model every app builds on, and the audit trail of state changes."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.display import for_reader


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class DirectoryEntry(BaseModel):
    """An entry of a directory the agency keeps (a festival, a market): named and placed in both
    languages, with what is known of its history and its calendar. Shown in the reader's language
    (``display_name``, ``display_city``; ``str()`` follows the active language)."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120)
    city_zh = models.CharField(_("city (Chinese)"), max_length=120, blank=True)
    country = CountryField(_("country"))
    website = models.URLField(_("website"), blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founded"), null=True, blank=True, validators=[MinValueValidator(1890), MaxValueValidator(2100)]
    )
    typical_month = models.PositiveSmallIntegerField(
        _("typical month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("The month an edition usually opens, 1–12."),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        return for_reader(self.name_en, self.name_zh, language=language)

    def display_city(self, language: str | None = None) -> str:
        return for_reader(self.city, self.city_zh, language=language)


class AuditEvent(models.Model):
    """One state change of one object: who moved it, when, from where to where, and why."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("object type"))
    object_id = models.CharField(_("object id"), max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    field = models.CharField(_("field"), max_length=64, default="status")
    from_state = models.CharField(_("from"), max_length=64)
    to_state = models.CharField(_("to"), max_length=64)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-created_at"],
                name="audit_subject_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}: {self.from_state} → {self.to_state}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


JOB_FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED)


class Job(BaseModel):
    """One piece of background work a person started and watches: what, whose, how far, how it ended.

    ``kind`` names a handler registered in ``core.jobs``; ``params`` and ``input_file`` are its
    input, ``result`` and ``errors`` what it leaves for the job's page (``errors`` is a list of
    ``{"row", "column", "message"}`` for file imports).
    """

    kind = models.CharField(_("kind"), max_length=64)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("started by")
    )
    status = models.CharField(_("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress_done = models.PositiveIntegerField(_("steps done"), default=0)
    progress_total = models.PositiveIntegerField(_("steps in all"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    input_file = models.FileField(_("input file"), upload_to="jobs/%Y/%m/", blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="job_owner_recent_idx")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in JOB_FINISHED

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)
