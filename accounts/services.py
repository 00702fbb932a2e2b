"""Writes for users, organizations, memberships and the verification of buyer and producer
companies."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.documents import document_check
from accounts.enums import (
    PRODUCER_KINDS,
    VERIFICATION_TRANSITIONS,
    MembershipRole,
    OrganizationKind,
    StaffRole,
    VerificationStatus,
)
from accounts.models import Membership, Organization, User
from accounts.notification_kinds import (
    BUYER_SIGNUP,
    PASSWORD_RESET,
    PRODUCER_SIGNUP,
    STALE_VERIFICATIONS,
    VERIFICATION_DECISION,
)
from accounts.rules import forget_memberships
from accounts.selectors import (
    organization_contacts,
    organization_list_stale_pending,
    user_email_taken,
    user_list_agency_admins,
)
from core.models import AuditEvent
from core.workflow import TransitionError, audit_record, transition_apply
from notifications.services import notify

# Service error keys that differ from the model's field names.
_ORG_FIELD_NAMES = {"name": "company_name", "kind": "company_kind"}


def _user_build(*, email: str, password: str, full_name: str) -> User:
    email = User.objects.normalize_email((email or "").strip()).lower()
    user = User(email=email, full_name=(full_name or "").strip())
    errors: dict[str, list[str]] = {}
    try:
        user.full_clean(exclude=["password"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if email and user_email_taken(email=email):
        errors.setdefault("email", []).append(_("An account with this e-mail address already exists."))
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    return user


def _organization_build(**fields) -> Organization:
    organization = Organization(**fields)
    try:
        organization.full_clean(exclude=["verification_reminder_sent_at", "verification_document"])
    except ValidationError as exc:
        raise ValidationError({_ORG_FIELD_NAMES.get(k, k): v for k, v in exc.message_dict.items()}) from exc
    return organization


def _sign_up(
    *, user_fields: dict, organization_fields: dict, extra_errors: dict[str, list[str]] | None = None
) -> tuple[User, Organization]:
    """Build the user and the company, judging every field in one pass (with ``extra_errors``
    the caller found), and save both with the user as owner; nothing is saved on any error."""
    errors: dict[str, list[str]] = dict(extra_errors or {})
    user = organization = None
    try:
        user = _user_build(**user_fields)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        organization = _organization_build(**organization_fields)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    user.save()
    organization.save()
    Membership.objects.create(user=user, organization=organization, role=MembershipRole.OWNER)
    return user, organization


def _registration_number_errors(number: str) -> dict[str, list[str]]:
    if not (number or "").strip():
        return {"registration_number": [_("Give the company's business registration number.")]}
    return {}


@transaction.atomic
def producer_sign_up(
    *,
    email: str,
    password: str,
    full_name: str,
    company_name: str,
    company_kind: str = OrganizationKind.PRODUCTION_COMPANY,
    country: str,
    registration_number: str,
    verification_document=None,
    city: str = "",
    city_zh: str = "",
    website: str = "",
    language: str = "en",
) -> User:
    """Create a producer's account with their company, which they own, pending the agency's
    verification: until it is verified the company prepares drafts, but sends no listing to
    review and no film to a festival. ``verification_document`` (an upload, checked by its
    content) may also come later, from the company's page.

    Raises ``ValidationError`` naming every bad field; nothing is saved then.
    Side effects: an audit event for the new company's status; a notification to every agency
    admin that a producer company waits in the verification queue (e-mailed after commit).
    """
    errors = _registration_number_errors(registration_number)
    if company_kind not in PRODUCER_KINDS:
        errors["company_kind"] = [_("Choose a production company or a sales agent.")]
        company_kind = OrganizationKind.PRODUCTION_COMPANY  # so the other fields are still judged
    document = None
    if verification_document:
        try:
            document = document_check(verification_document)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    user, organization = _sign_up(
        user_fields={"email": email, "password": password, "full_name": full_name},
        organization_fields={
            "name": (company_name or "").strip(),
            "kind": company_kind,
            "country": country,
            "city": (city or "").strip(),
            "city_zh": (city_zh or "").strip(),
            "website": website,
            "registration_number": (registration_number or "").strip(),
            "verification_status": VerificationStatus.PENDING,
        },
        extra_errors=errors,
    )
    if document is not None:
        organization.verification_document.save(document.name, document, save=True)
    user.language = language
    user.save(update_fields=["language"])
    organization_record_sign_up(organization=organization, actor=user)
    return user


def organization_record_sign_up(*, organization: Organization, actor: User) -> None:
    """A new buyer or producer company's first status (pending) on its timeline, and word to
    the agency admins that it waits in the verification queue (e-mailed after commit)."""
    kind = BUYER_SIGNUP if organization.is_buyer else PRODUCER_SIGNUP
    audit_record(
        obj=organization,
        actor=actor,
        from_state="",
        to_state=VerificationStatus.PENDING,
        field="verification_status",
    )
    notify(
        recipients=user_list_agency_admins(),
        kind=kind,
        subject_object=organization,
        url=reverse("accounts:verification_queue") + f"?status={VerificationStatus.PENDING}",
        context={
            "company": organization.name,
            "country": organization.country.code,
            "buyer_type": organization.buyer_type,
            "company_kind": organization.kind,
        },
        dedupe_key=f"organization:{organization.pk}",
    )


@transaction.atomic
def buyer_sign_up(
    *,
    email: str,
    password: str,
    full_name: str,
    company_name: str,
    buyer_type: str,
    country: str,
    city: str = "",
    city_zh: str = "",
    website: str = "",
    description: str = "",
    language: str = "en",
) -> User:
    """Create a buyer's account with their company, pending the agency's verification.

    Side effects: an audit event for the new company's status; a notification to every agency
    admin that a company waits in the verification queue (e-mailed after commit).
    """
    user, organization = _sign_up(
        user_fields={"email": email, "password": password, "full_name": full_name},
        organization_fields={
            "name": (company_name or "").strip(),
            "kind": OrganizationKind.BUYER_COMPANY,
            "buyer_type": buyer_type,
            "country": country,
            "city": (city or "").strip(),
            "city_zh": (city_zh or "").strip(),
            "website": website,
            "description": description,
            "verification_status": VerificationStatus.PENDING,
        },
    )
    user.language = language
    user.save(update_fields=["language"])
    organization_record_sign_up(organization=organization, actor=user)
    return user


def organization_transition(*, organization: Organization, to: str, actor: User, note: str = "") -> Organization:
    """Move a buyer or producer company through verification: ``pending → verified |
    rejected``, ``verified → suspended → verified``. Verifying a producer company is guarded by
    ``organization_guard_documents`` (its registration number and document). The agency has no
    verification status, so no move: that answers 400 (like a move the table lacks) whatever the
    actor's permission.

    Side effects: row lock, audit event, and in the same transaction a notification of the
    decision (with the note) to the company's members, e-mailed after commit.
    """
    if not organization.is_verifiable:
        raise TransitionError({"to": [_("Only buyer and producer companies go through verification.")]})
    return transition_apply(
        obj=organization,
        to=to,
        actor=actor,
        note=note,
        table=VERIFICATION_TRANSITIONS,
        field="verification_status",
        recorded=_verification_notify,
    )


def organization_guard_documents(*, obj: Organization, actor) -> list[str]:
    """The guard on verifying a producer company: the agency verifies it against its business
    registration number and document, so both must be there. Buyer companies are verified as
    before, from what they told at sign-up."""
    if not obj.is_producer:
        return []
    reasons = []
    if not obj.registration_number.strip():
        reasons.append(_("The company has not given its business registration number."))
    if not obj.verification_document:
        reasons.append(_("The company has not uploaded its registration document."))
    return reasons


def producer_verification_refusals(*, organization: Organization) -> list[str]:
    """Why a producer company may not yet send films to review or to festivals (empty once the
    agency has verified it): the guard the films and festivals workflows share."""
    if not organization.is_producer or organization.is_verified:
        return []
    reason = {
        VerificationStatus.PENDING: _(
            "%(company)s is not verified yet. The agency verifies a producer company before its "
            "films go to review or to festivals; drafts can be prepared meanwhile."
        ),
        VerificationStatus.REJECTED: _(
            "The agency could not verify %(company)s, so its films cannot go to review or to "
            "festivals. The reason is on the company's page."
        ),
        VerificationStatus.SUSPENDED: _(
            "The agency has suspended the verification of %(company)s; its films cannot go to "
            "review or to festivals until it is reinstated."
        ),
    }.get(organization.verification_status, _("%(company)s is not verified."))
    return [reason % {"company": organization.name}]


def _verified_details_message() -> str:
    return _("The company is verified: ask the agency to change its registration details.")


# Details an owner gives for the verification, which stay as the agency checked them once the
# company is verified: after that only agency admins change them.
_VERIFICATION_DETAILS = {"registration_number"}


def organization_update(*, organization: Organization, actor: User, data: dict) -> Organization:
    """Change an organization's details; only its owners and agency admins may. Every bad field
    is named at once; nothing is saved then. The registration number is the owners' to change
    only while the company is not verified."""
    if not actor.has_perm("accounts.change_organization", organization):
        raise PermissionDenied(_("Only the organization's owners may change it."))
    allowed = {"name", "country", "city", "city_zh", "website", "description"}
    if organization.is_buyer:
        allowed.add("buyer_type")
    if organization.is_verifiable:
        allowed |= _VERIFICATION_DETAILS
    errors: dict[str, list[str]] = {
        name: [_("This field cannot be changed here.")] for name in sorted(set(data) - allowed)
    }
    if "buyer_type" in data and not data["buyer_type"]:
        # Named here, not left to the database constraint, whose message names no field.
        errors["buyer_type"] = [_("A buyer company says which kind of buyer it is.")]
    details_locked = organization.is_verified and not actor.is_agency_admin
    for name in _VERIFICATION_DETAILS & set(data):
        if details_locked and (data[name] or "").strip() != getattr(organization, name):
            errors[name] = [_verified_details_message()]
    if organization.is_producer and "registration_number" in data and not (data["registration_number"] or "").strip():
        errors.update(_registration_number_errors(""))
    for name, value in data.items():
        if name in allowed and name not in errors:
            setattr(organization, name, value.strip() if isinstance(value, str) else value)
    try:
        organization.full_clean(exclude=["verification_reminder_sent_at", "verification_document"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        organization.refresh_from_db()
        raise ValidationError(errors)
    organization.save()
    return organization


@transaction.atomic
def organization_document_upload(*, organization: Organization, actor: User, upload) -> Organization:
    """Give the company's registration document (checked by its content). Owners may while the
    company is not verified, agency admins at any time; the file replaces any earlier one.

    Raises ``PermissionDenied`` or a ``ValidationError`` naming ``verification_document``.
    Side effects: the file is written to the media storage; the earlier file is deleted after
    commit.
    """
    if not actor.has_perm("accounts.change_organization", organization):
        raise PermissionDenied(_("Only the organization's owners may change it."))
    if not organization.is_verifiable:
        raise ValidationError(
            {"verification_document": [_("Only buyer and producer companies go through verification.")]}
        )
    if organization.is_verified and not actor.is_agency_admin:
        raise ValidationError({"verification_document": [_verified_details_message()]})
    document = document_check(upload)
    earlier = organization.verification_document.name
    organization.verification_document.save(document.name, document, save=False)
    organization.save(update_fields=["verification_document", "updated_at"])
    if earlier:
        storage = organization.verification_document.storage
        transaction.on_commit(lambda: storage.delete(earlier))
    return organization


def membership_add(*, organization: Organization, user: User, role: str = MembershipRole.MEMBER) -> Membership:
    membership, _created = Membership.objects.update_or_create(
        user=user, organization=organization, defaults={"role": role}
    )
    forget_memberships(user)
    return membership


def user_update_profile(*, user: User, full_name: str, time_zone: str, language: str) -> User:
    user.full_name = full_name.strip()
    user.time_zone = time_zone
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "time_zone", "language"])
    return user


def user_set_staff_role(*, user: User, role: str) -> User:
    """Give a user an agency role ("" for none). Agency admins get back-office access."""
    if role and role not in StaffRole.values:
        raise ValidationError({"staff_role": [_("Unknown agency role.")]})
    user.staff_role = role
    user.is_staff = role == StaffRole.AGENCY_ADMIN or user.is_superuser
    user.save(update_fields=["staff_role", "is_staff"])
    return user


@transaction.atomic
def user_password_reset_request(*, user: User) -> None:
    """Send ``user`` a link to choose a new password.

    Side effects: one notification of the password-reset kind (not in-app, not unsubscribable),
    e-mailed after commit in the user's language. Its context holds nothing secret: the link's
    token is made when the mail is written. Every request is a message of its own (a fresh
    dedupe key); the view's rate limit bounds how many go out.
    """
    notify(recipients=[user], kind=PASSWORD_RESET, context={}, dedupe_key=f"password-reset:{uuid.uuid4().hex}")


# --- Notifications ---------------------------------------------------------------------


def _verification_notify(organization: Organization, event: AuditEvent) -> None:
    """Tell the company's members the decision just recorded (inside the move's transaction)."""
    notify(
        recipients=organization_contacts(organization=organization),
        kind=VERIFICATION_DECISION,
        subject_object=organization,
        url=reverse("accounts:organization_detail", args=[organization.pk]),
        context={
            "company": organization.name,
            "status": event.to_state,
            "note": event.note,
            "producer": organization.is_producer,
        },
        dedupe_key=f"audit:{event.pk}",
    )


def organization_remind_stale_verifications(*, now: datetime | None = None, batch_size: int = 200) -> int:
    """Notify agency admins, in one message, of buyer and producer companies pending for too long.

    Each company is named in a message at most once: the rows are claimed (locked, marked)
    in the same transaction that writes the notifications, so a retried or concurrent sweep
    skips them. Returns how many companies the message named.
    """
    now = now or timezone.now()
    cut_off = now - timedelta(hours=settings.BUYER_VERIFICATION_REMINDER_HOURS)
    admins = list(user_list_agency_admins())
    if not admins:
        return 0
    with transaction.atomic():
        stale = list(
            organization_list_stale_pending(created_before=cut_off).select_for_update(skip_locked=True)[:batch_size]
        )
        if not stale:
            return 0
        Organization.objects.filter(pk__in=[o.pk for o in stale]).update(verification_reminder_sent_at=now)
        ids = ",".join(str(o.pk) for o in stale)
        notify(
            recipients=admins,
            kind=STALE_VERIFICATIONS,
            url=reverse("accounts:verification_queue"),
            context={
                "hours": settings.BUYER_VERIFICATION_REMINDER_HOURS,
                "organizations": [
                    {"name": o.name, "country": o.country.code, "created": o.created_at.date().isoformat()}
                    for o in stale
                ],
            },
            dedupe_key=f"stale:{hashlib.sha256(ids.encode()).hexdigest()[:40]}",
        )
    return len(stale)
