"""Decision, payment and final report pages of an application.

- decide: agency admins approve an application under review with a granted amount (pre-filled
  with the ceiling: the least of the requested amount, the programme's maximum grant and the
  budget left) or reject it with a reason; every refusal shows beside its field.
- payments: the tranches paid (the applicant company's members and agency admins); admins
  record one.
- report: the applicant company's producers submit the final report once the grant is paid;
  its members and admins read it, with the selections and deals it links.

An application the user may not see answers 404; one the user sees but may not act on, 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.pages import bound, form_errors_from
from support.enums import ApplicationStatus
from support.forms_payments import APPROVE, DecisionForm, FinalReportForm, PaymentForm
from support.models import Application
from support.panels_payments import payments_context
from support.selectors import application_with_scores
from support.selectors.payments import (
    application_get_visible,
    application_report_due,
    final_report_for_page,
    may_see_payments,
)
from support.services import (
    application_budget_left,
    application_grant_ceiling,
    application_transition,
    final_report_submit,
    payment_record,
)


def _application_or_404(request: HttpRequest, pk: int) -> Application:
    application = application_get_visible(user=request.user, pk=pk)
    if application is None:
        raise Http404
    return application


def _detail_url(application: Application) -> str:
    return reverse("support_applications:detail", args=[application.pk])


def _payments_or_403(request: HttpRequest, pk: int) -> Application:
    application = _application_or_404(request, pk)
    if not may_see_payments(user=request.user, application=application):
        raise PermissionDenied(_("Payments and reports are for the applicant company and the agency."))
    return application


def decision_figures(application: Application) -> dict:
    """What an admin weighs before deciding: the requested amount, the programme's maximum, the
    budget left and the ceiling (the least of the three)."""
    programme = application.programme
    return {
        "requested": application.requested,
        "max_grant": programme.max_grant,
        "budget_left": application_budget_left(application=application),
        "ceiling": application_grant_ceiling(application=application),
    }


@login_required
@require_http_methods(["GET", "POST"])
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_or_404(request, pk)
    if not request.user.has_perm("support.decide_application", application):
        raise PermissionDenied(_("Only agency administrators decide on applications."))
    figures = decision_figures(application)
    form = DecisionForm(bound(request), currency=application.programme.currency, ceiling=figures["ceiling"])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        approving = data["decision"] == APPROVE
        extra = {"granted": data["granted"], "report_due": data["report_due"]} if approving else {}
        target = ApplicationStatus.APPROVED if approving else ApplicationStatus.REJECTED
        try:
            application_transition(application=application, to=target, actor=request.user, note=data["note"], **extra)
        except ValidationError as exc:
            errors = exc.message_dict
            # A guard's refusal (budget fully committed, decided meanwhile) concerns the decision.
            if "to" in errors:
                errors["decision"] = errors.pop("to")
            form_errors_from(form, ValidationError(errors))
        else:
            if approving:
                message = _("The application is approved with %(amount)s granted.") % {"amount": data["granted"]}
            else:
                message = _("The application is rejected; the applicant reads your reason.")
            messages.success(request, message)
            return redirect(_detail_url(application))
    scored = application_with_scores(Application.objects.filter(pk=application.pk)).values(
        "weighted_score", "review_count"
    )[0]
    return render(
        request,
        "support/payments_decide.html",
        {
            "application": application,
            "figures": figures,
            "score": scored["weighted_score"],
            "review_count": scored["review_count"] or 0,
            "form": form,
            "open": application.status == ApplicationStatus.UNDER_REVIEW,
            "status_label": ApplicationStatus(application.status).label,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_payments(request: HttpRequest, pk: int) -> HttpResponse:
    application = _payments_or_403(request, pk)
    form = None
    if request.method == "POST":
        if not request.user.has_perm("support.pay_application", application):
            raise PermissionDenied(_("Only agency administrators record payments."))
        form = PaymentForm(request.POST, currency=application.granted_currency or application.programme.currency)
        if form.is_valid():
            data = form.cleaned_data
            try:
                payment = payment_record(
                    actor=request.user,
                    application=application,
                    amount=data["amount"],
                    paid_on=data["paid_on"],
                    reference=data["reference"],
                )
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                if application.status == ApplicationStatus.PAID:
                    message = _("The payment of %(amount)s is recorded; the grant is paid in full.")
                else:
                    message = _("The payment of %(amount)s is recorded.")
                messages.success(request, message % {"amount": payment.amount})
                return redirect(_detail_url(application))
    panel = payments_context(request, application, form)
    if form is not None and panel["form"] is None:
        # Not approved (any more): the refusal stays on the page, beside the form.
        panel["form"] = form
    return render(
        request,
        "support/payments_page.html",
        {"application": application, "panel": panel},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_report(request: HttpRequest, pk: int) -> HttpResponse:
    application = _payments_or_403(request, pk)
    report = final_report_for_page(application=application)
    may_submit = (
        report is None
        and application.status == ApplicationStatus.PAID
        and request.user.has_perm("support.submit_application", application)
    )
    form = None
    if request.method == "POST":
        if report is not None or not request.user.has_perm("support.submit_application", application):
            raise PermissionDenied(_("Only the applicant company's producers submit the final report, once."))
        form = FinalReportForm(request.POST, currency=application.granted_currency or application.programme.currency)
        if form.is_valid():
            data = form.cleaned_data
            try:
                final_report_submit(
                    actor=request.user,
                    application=application,
                    actual_costs=data["actual_costs"],
                    attendance=data["attendance"],
                    results=data["results"],
                )
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("The final report is submitted and the application is closed."))
                return redirect(reverse("support_payments:report", args=[application.pk]))
    elif may_submit:
        form = FinalReportForm(currency=application.granted_currency)
    return render(
        request,
        "support/payments_report.html",
        {
            "application": application,
            "report": report,
            "form": form,
            "due": application_report_due(application=application, today=timezone.localdate()),
            "status_label": ApplicationStatus(application.status).label,
        },
        status=400 if request.method == "POST" else 200,
    )
