"""Application pages: a user's applications (producers: their companies'; reviewers: those
assigned; admins: all), starting one for a company's film (pre-filled from what the portal
knows), an application's page (its content, eligibility while editable, the notice, the
timeline, its moves and the panels other parts register), its edit page (statement, thing
funded, budget lines, documents) and document downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.rules import memberships_of
from core.pages import RefusedTransition, bound, form_errors_from, safe_next, transition_page
from core.slots import panels_for
from core.workflow import audit_notice
from films.models import Film
from support import selectors, services
from support.enums import (
    APPLICATION_TRANSITIONS,
    EDITABLE_STATES,
    ApplicationStatus,
    ProgrammeKind,
    application_next_step,
)
from support.forms_applications import (
    ApplicationContentForm,
    ApplicationStartForm,
    BudgetLineFormSet,
    DocumentForm,
    budget_rows,
    thing_label,
)
from support.models import Application, ApplicationDocument, Programme
from support.services.applications import THING_FIELD, budget_line_errors

_A = ApplicationStatus


def _detail_url(application: Application) -> str:
    return reverse("support_applications:detail", args=[application.pk])


def _edit_url(application: Application) -> str:
    return reverse("support_applications:edit", args=[application.pk])


def _application_or_404(request: HttpRequest, pk: int) -> Application:
    application = selectors.application_detail_for(user=request.user, pk=pk)
    if application is None:
        raise Http404
    return application


def _thing(application: Application):
    field = THING_FIELD.get(application.programme.kind)
    return getattr(application, field) if field else None


# --- List ----------------------------------------------------------------------------------------


@login_required
@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    """The applications the user may see, filtered by status and programme."""
    if not request.user.has_perm("support.list_applications"):
        raise PermissionDenied(_("Support applications are for producers and the agency."))
    applications = selectors.application_list_visible_to(user=request.user)
    status = request.GET.get("status", "")
    if status in _A.values:
        applications = applications.filter(status=status)
    else:
        status = ""
    programme = request.GET.get("programme", "")
    if programme.isascii() and programme.isdigit() and len(programme) < 12:
        applications = applications.filter(programme_id=int(programme))
    else:
        programme = ""
    rows = list(applications[:200])
    for application in rows:
        application.next_step = application_next_step(application)
        application.show_applicant = request.user.has_perm("support.see_applicant", application)
    programmes = Programme.objects.filter(Q(published=True) | Q(pk__in=[row.programme_id for row in rows])).order_by(
        "-year", "title_en"
    )
    return render(
        request,
        "support/applications_list.html",
        {
            "applications": rows,
            "statuses": _A.choices,
            "status": status,
            "programmes": programmes,
            "programme": programme,
            "may_apply": request.user.has_perm("support.apply"),
        },
    )


# --- Start ---------------------------------------------------------------------------------------


def _open_programmes():
    return Programme.objects.filter(published=True, closes_at__gt=timezone.now()).order_by("closes_at", "pk")


def _company_films(user):
    return Film.objects.filter(organization_id__in=list(memberships_of(user))).order_by("title_en", "pk")


@login_required
@require_http_methods(["GET", "POST"])
def application_new(request: HttpRequest) -> HttpResponse:
    """Start an application: a programme open to applications and one of the company's films;
    the draft is made pre-filled and the edit page follows."""
    if not request.user.has_perm("support.apply"):
        raise PermissionDenied(_("Only producers apply for support."))
    programmes, films = _open_programmes(), _company_films(request.user)
    initial = {key: request.GET.get(key) for key in ("programme", "film") if request.GET.get(key, "").isdigit()}
    form = ApplicationStartForm(bound(request), initial=initial, programmes=programmes, films=films)
    prefill = {}
    if request.method == "POST":
        if form.is_valid():
            try:
                application = services.application_create(
                    actor=request.user, programme=form.cleaned_data["programme"], film=form.cleaned_data["film"]
                )
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("The draft is started: complete it and submit it."))
                return redirect(_edit_url(application))
    else:
        programme = programmes.filter(pk=initial.get("programme") or 0).first()
        film = films.filter(pk=initial.get("film") or 0).first()
        if programme and film:
            prefill = services.application_prefill(programme=programme, film=film)
    return render(
        request,
        "support/applications_new.html",
        {"form": form, "prefill": list(prefill.values()), "has_films": films.exists()},
        status=400 if request.method == "POST" else 200,
    )


# --- Detail and moves ----------------------------------------------------------------------------


def _detail(request: HttpRequest, application: Application, *, status: int = 200, refused=None) -> HttpResponse:
    user = request.user
    choices = APPLICATION_TRANSITIONS.choices_for(obj=application, user=user)
    # Approving takes a granted amount: it is made on the decision page (payments).
    moves = [move for move in choices.allowed if move.target != _A.APPROVED]
    blocked = [move for move in choices.blocked if move.target != _A.APPROVED]
    may_decide = application.status == _A.UNDER_REVIEW and user.has_perm("support.decide_application", application)
    lines = list(application.budget_lines.all())
    editable = application.status in EDITABLE_STATES
    context = {
        "application": application,
        "see_applicant": user.has_perm("support.see_applicant", application),
        "thing": _thing(application),
        "thing_label": thing_label(_thing(application)),
        "kind": application.programme.kind,
        "kinds": ProgrammeKind,
        "lines": lines,
        "documents": list(application.documents.all()),
        "editable": editable,
        "may_edit": editable and user.has_perm("support.change_application", application),
        "eligibility": services.application_eligibility(application=application) if editable else [],
        "notice": audit_notice(obj=application, table=APPLICATION_TRANSITIONS),
        "events": selectors.application_timeline(application=application, user=user),
        "moves": moves,
        "blocked": blocked,
        "may_decide": may_decide,
        "transition_refused": refused,
        "next_step": application_next_step(application),
        "panels": panels_for(request, application),
    }
    return render(request, "support/applications_detail.html", context, status=status)


@login_required
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _application_or_404(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def application_transition(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_or_404(request, pk)
    data = request.POST if request.method == "POST" else request.GET
    if data.get("to") == _A.APPROVED:
        refused = RefusedTransition(
            errors=[_("Approve on the decision page, with the granted amount.")],
            key=application.pk,
            next=safe_next(request, _detail_url(application)),
        )
        return _detail(request, application, status=400, refused=refused)
    return transition_page(
        request,
        obj=application,
        service=services.application_transition,
        object_kwarg="application",
        table=APPLICATION_TRANSITIONS,
        render_page=lambda *, refused, status: _detail(request, application, status=status, refused=refused),
        done_url=_detail_url(application),
        note_label=_("Reason (the applicant reads it)"),
    )


# --- Edit ----------------------------------------------------------------------------------------


def _lines_initial(application: Application) -> list[dict]:
    return [{"item": line.item, "amount": line.amount} for line in application.budget_lines.all()]


def _save(request: HttpRequest, application: Application, content, formset) -> bool:
    """Check the content form and every budget row (each row's errors beside its fields), then
    save through the service; False with the errors on the forms when anything is wrong."""
    valid = content.is_valid() & formset.is_valid()
    # The service's rules run on every row's parsed fields in the same pass as the form's own
    # checks, each error beside its field (a field the form refused already keeps its error).
    for form in formset.forms:
        data = getattr(form, "cleaned_data", {})
        if data.get("DELETE") or (not form.has_changed() and not form.errors):
            continue
        line = {"item": data.get("item") or "", "amount": data.get("amount")}
        for field, problems in budget_line_errors(line, programme=application.programme)[2].items():
            if form.has_error(field):
                continue
            valid = False
            for problem in problems:
                form.add_error(field, problem)
    rows = budget_rows(formset) if valid else []
    if not valid:
        return False
    data = {"statement": content.cleaned_data["statement"], "budget_lines": [line for _form, line in rows]}
    if content.thing_field:
        data[content.thing_field] = content.cleaned_data.get(content.thing_field)
    try:
        services.application_update(actor=request.user, application=application, data=data)
    except ValidationError as exc:
        errors = exc.message_dict
        formset.service_errors = errors.pop("budget_lines", [])
        if errors:
            form_errors_from(content, ValidationError(errors))
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft or an application with changes requested: its statement, the thing funded
    and its budget lines (one form), its documents (upload, remove)."""
    application = _application_or_404(request, pk)
    if not request.user.has_perm("support.change_application", application):
        raise PermissionDenied(_("Only the applicant company's producers may change it."))
    if application.status not in EDITABLE_STATES:
        raise PermissionDenied(_("Only a draft or an application with changes requested can be changed."))
    choices = services.application_thing_choices(programme=application.programme, film=application.film)
    action = request.POST.get("action", "save") if request.method == "POST" else ""
    content = ApplicationContentForm(
        request.POST if action == "save" else None, application=application, choices=choices
    )
    formset = BudgetLineFormSet(
        request.POST if action == "save" else None, initial=_lines_initial(application), prefix="lines"
    )
    formset.service_errors = []
    document_form = DocumentForm(
        request.POST if action == "upload" else None, request.FILES if action == "upload" else None
    )
    failed = False
    if action == "save":
        if _save(request, application, content, formset):
            messages.success(request, _("The application is saved."))
            return redirect(_detail_url(application))
        failed = True
    elif action == "upload":
        if document_form.is_valid():
            try:
                services.application_document_add(
                    actor=request.user,
                    application=application,
                    kind=document_form.cleaned_data["kind"],
                    upload=document_form.cleaned_data["file"],
                )
            except ValidationError as exc:
                form_errors_from(document_form, exc)
            else:
                messages.success(request, _("The document is attached."))
                return redirect(_edit_url(application))
        failed = True
    elif action == "remove":
        raw = request.POST.get("document", "")
        document = (
            ApplicationDocument.objects.filter(application=application, pk=int(raw)).first()
            if raw.isascii() and raw.isdigit() and len(raw) < 19
            else None
        )
        if document is None:
            raise Http404
        document.application = application
        try:
            services.application_document_remove(actor=request.user, document=document)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The document is removed."))
        return redirect(_edit_url(application))
    elif request.method == "POST":
        failed = True
    return render(
        request,
        "support/applications_edit.html",
        {
            "application": application,
            "content": content,
            "formset": formset,
            "document_form": document_form,
            "documents": list(application.documents.all()),
            "eligibility": services.application_eligibility(application=application),
        },
        status=400 if failed else 200,
    )


# --- Documents -----------------------------------------------------------------------------------


@login_required
@require_GET
def application_document(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    """A document as a download, for whoever may see the application: the applicant company's
    members, agency admins, its assigned reviewers (404 for anyone else)."""
    application = _application_or_404(request, pk)
    document = ApplicationDocument.objects.filter(application=application, pk=doc_pk).first()
    if document is None or not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except OSError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=document.name, content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
