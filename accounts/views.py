from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from accounts import services
from accounts.documents import document_content_type
from accounts.enums import VERIFICATION_TRANSITIONS, VerificationStatus
from accounts.forms import (
    BuyerSignUpForm,
    OrganizationForm,
    PasswordResetForm,
    ProducerSignUpForm,
    ProfileForm,
)
from accounts.selectors import (
    QUEUE_KINDS,
    organization_list_for_verification,
    organization_list_visible_to,
    organization_members,
    organization_verification_counts,
)
from core.net import client_ip
from core.pages import RefusedTransition, transition_page
from core.pages import form_errors_from as _form_errors_from
from core.ratelimit import rate_allows
from core.workflow import audit_notice, audit_timeline


def _sign_up(request: HttpRequest, *, form_class, service, template: str, welcome: str) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "password_confirm"}
        try:
            user = service(**data, language=get_language() or "en")
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, welcome)
            return redirect("portal:dashboard")
    return render(request, template, {"form": form}, status=400 if form.errors else 200)


def sign_up_choice(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_choice.html")


def sign_up_producer(request: HttpRequest) -> HttpResponse:
    return _sign_up(
        request,
        form_class=ProducerSignUpForm,
        service=services.producer_sign_up,
        template="accounts/signup_producer.html",
        welcome=_(
            "Welcome! Your producer account is ready. You can prepare your films now; they go to "
            "review and to festivals once the agency has verified your company."
        ),
    )


def sign_up_buyer(request: HttpRequest) -> HttpResponse:
    return _sign_up(
        request,
        form_class=BuyerSignUpForm,
        service=services.buyer_sign_up,
        template="accounts/signup_buyer.html",
        welcome=_("Welcome! The agency will verify your company shortly."),
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "full_name": user.full_name,
            "time_zone": user.time_zone,
            "language": user.language,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=user, **form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@permission_required("accounts.verify_organization", raise_exception=True)
def verification_queue(request: HttpRequest) -> HttpResponse:
    """Buyer and producer companies by verification status; ``?kind=buyer|producer`` keeps one
    kind (an unknown status or kind reads as the default)."""
    status = request.GET.get("status", VerificationStatus.PENDING)
    if status not in VerificationStatus.values:
        status = VerificationStatus.PENDING
    kind = request.GET.get("kind", "")
    if kind not in QUEUE_KINDS:
        kind = ""
    organizations = list(organization_list_for_verification(status=status, kind=kind))
    for organization in organizations:
        choices = VERIFICATION_TRANSITIONS.choices_for(obj=organization, user=request.user, field="verification_status")
        organization.moves, organization.blocked = choices.allowed, choices.blocked
    return render(
        request,
        "accounts/verification_queue.html",
        {
            "organizations": organizations,
            "status": status,
            "kind": kind,
            "kinds": [("", _("All companies")), ("buyer", _("Buyer companies")), ("producer", _("Producer companies"))],
            "tabs": organization_verification_counts(kind=kind),
        },
    )


def _organization_page(
    request: HttpRequest, organization, *, refused: RefusedTransition | None = None, status: int = 200
) -> HttpResponse:
    choices = (
        VERIFICATION_TRANSITIONS.choices_for(obj=organization, user=request.user, field="verification_status")
        if organization.is_verifiable
        else None
    )
    return render(
        request,
        "accounts/organization_detail.html",
        {
            "organization": organization,
            "memberships": organization_members(organization=organization),
            "moves": choices.allowed if choices else [],
            "blocked": choices.blocked if choices else [],
            "transition_refused": refused,
            "events": audit_timeline(obj=organization, table=VERIFICATION_TRANSITIONS),
            "notice": audit_notice(obj=organization, table=VERIFICATION_TRANSITIONS, field="verification_status"),
            "can_edit": request.user.has_perm("accounts.change_organization", organization),
        },
        status=status,
    )


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _organization_page(request, get_object_or_404(organization_list_visible_to(user=request.user), pk=pk))


@login_required
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(organization_list_visible_to(user=request.user), pk=pk)
    if not request.user.has_perm("accounts.change_organization", organization):
        raise PermissionDenied
    may_change_registration = not organization.is_verified or request.user.is_agency_admin
    initial = {name: getattr(organization, name) for name in OrganizationForm.base_fields}
    initial["country"] = organization.country.code
    initial.pop("verification_document")
    form = OrganizationForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        organization=organization,
        may_change_registration=may_change_registration,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        document = data.pop("verification_document", None)
        if not may_change_registration:
            data.pop("registration_number", None)
        try:
            with transaction.atomic():
                services.organization_update(organization=organization, actor=request.user, data=data)
                if document:
                    services.organization_document_upload(
                        organization=organization, actor=request.user, upload=document
                    )
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("The company's details have been saved."))
            return redirect("accounts:organization_detail", pk=organization.pk)
    return render(
        request,
        "accounts/organization_edit.html",
        {"organization": organization, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def organization_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """One verification move; a refused one answers the company's page again (400, reasons
    beside the buttons), a forbidden one 403."""
    organization = get_object_or_404(organization_list_visible_to(user=request.user), pk=pk)
    return transition_page(
        request,
        obj=organization,
        service=services.organization_transition,
        object_kwarg="organization",
        table=VERIFICATION_TRANSITIONS,
        field="verification_status",
        render_page=lambda *, refused, status: _organization_page(
            request, organization, refused=refused, status=status
        ),
        done_url=reverse("accounts:organization_detail", args=[organization.pk]),
        note_label=_("Reason (sent to the company)"),
    )


@login_required
def organization_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The company's registration document, as a download, for its members and agency admins
    (404 for anyone else, as for the company itself)."""
    organization = get_object_or_404(organization_list_visible_to(user=request.user), pk=pk)
    document = organization.verification_document
    if not document:
        raise Http404
    try:
        handle = document.open("rb")
    except OSError as exc:
        raise Http404 from exc
    extension = document.name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"registration-{organization.pk}.{extension}",
        content_type=document_content_type(document.name),
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def _too_many(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "too_many_requests.html", {"message": message}, status=429)


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer once an account or an address has failed to sign in too often.

    The same words whether or not an account has the e-mail address, so the page tells an
    attacker nothing about which addresses exist.
    """
    minutes = max(1, round(float(settings.AXES_COOLOFF_TIME) * 60))
    return _too_many(
        request,
        ngettext(
            "Signing in is paused after too many failed attempts. Try again in %(count)d minute.",
            "Signing in is paused after too many failed attempts. Try again in %(count)d minutes.",
            minutes,
        )
        % {"count": minutes},
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, limited per address and per e-mail (``PASSWORD_RESET_RATE``),
    its mail sent through the notifications outbox.

    Too many requests from one address get a 429 page. Past the limit for one e-mail, no mail
    goes out but the answer is the usual "sent" page, the same as for an unknown address.
    """

    form_class = PasswordResetForm

    def form_valid(self, form):
        if not rate_allows(scope="password-reset-address", key=client_ip(self.request), rate=self.rate):
            return _too_many(self.request, _("Too many password reset requests came from your address. Try later."))
        email = form.cleaned_data["email"].strip().lower()
        if not rate_allows(scope="password-reset-email", key=email, rate=self.rate):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)

    @property
    def rate(self) -> str:
        return settings.PASSWORD_RESET_RATE
