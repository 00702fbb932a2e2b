"""Pages of core: a background job's progress and outcome."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core.jobs import job_kind_get, job_list_visible_to
from core.models import JobStatus


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(job_list_visible_to(user=request.user), pk=pk)
    kind = job_kind_get(job.kind)
    return render(
        request,
        "core/job_detail.html",
        {
            "job": job,
            "kind": kind,
            "links": kind.links(job) if job.status == JobStatus.SUCCEEDED else [],
            "retry_url": kind.retry_url(job) if job.status == JobStatus.FAILED else "",
        },
    )
