"""Writes for users, organizations, memberships and buyer verification."""

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

from accounts.enums import (
    BUYER_VERIFICATION_TRANSITIONS,
    PRODUCER_KINDS,
    BuyerVerificationStatus,
    MembershipRole,
    OrganizationKind,
    StaffRole,
)
from accounts.models import Membership, Organization, User
from accounts.notification_kinds import BUYER_SIGNUP, PASSWORD_RESET, STALE_VERIFICATIONS, VERIFICATION_DECISION
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
        organization.full_clean(exclude=["verification_reminder_sent_at"])
    except ValidationError as exc:
        raise ValidationError({_ORG_FIELD_NAMES.get(k, k): v for k, v in exc.message_dict.items()}) from exc
    return organization


def _sign_up(*, user_fields: dict, organization_fields: dict) -> tuple[User, Organization]:
    errors: dict[str, list[str]] = {}
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


@transaction.atomic
def producer_sign_up(
    *,
    email: str,
    password: str,
    full_name: str,
    company_name: str,
    company_kind: str = OrganizationKind.PRODUCTION_COMPANY,
    country: str,
    city: str = "",
    website: str = "",
    language: str = "en",
) -> User:
    """Create a producer's account with their company, which they own.

    Raises ``ValidationError`` naming every bad field; nothing is saved then.
    """
    if company_kind not in PRODUCER_KINDS:
        raise ValidationError({"company_kind": [_("Choose a production company or a sales agent.")]})
    user, _organization = _sign_up(
        user_fields={"email": email, "password": password, "full_name": full_name},
        organization_fields={
            "name": (company_name or "").strip(),
            "kind": company_kind,
            "country": country,
            "city": city,
            "website": website,
        },
    )
    user.language = language
    user.save(update_fields=["language"])
    return user


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
            "city": city,
            "website": website,
            "description": description,
            "verification_status": BuyerVerificationStatus.PENDING,
        },
    )
    user.language = language
    user.save(update_fields=["language"])
    audit_record(
        obj=organization,
        actor=user,
        from_state="",
        to_state=BuyerVerificationStatus.PENDING,
        field="verification_status",
    )
    notify(
        recipients=user_list_agency_admins(),
        kind=BUYER_SIGNUP,
        subject_object=organization,
        url=reverse("accounts:verification_queue"),
        context={"company": organization.name, "country": organization.country.code, "buyer_type": buyer_type},
        dedupe_key=f"organization:{organization.pk}",
    )
    return user


def organization_transition(*, organization: Organization, to: str, actor: User, note: str = "") -> Organization:
    """Move a buyer company through verification: ``pending → verified | rejected``,
    ``verified → suspended → verified``. Any other company has no verification status, so no
    move: that answers 400 (like a move the table lacks) whatever the actor's permission.

    Side effects: row lock, audit event, and in the same transaction a notification of the
    decision (with the note) to the company's members, e-mailed after commit.
    """
    if not organization.is_buyer:
        raise TransitionError({"to": [_("Only buyer companies go through verification.")]})
    return transition_apply(
        obj=organization,
        to=to,
        actor=actor,
        note=note,
        table=BUYER_VERIFICATION_TRANSITIONS,
        field="verification_status",
        recorded=_verification_notify,
    )


def organization_update(*, organization: Organization, actor: User, data: dict) -> Organization:
    """Change an organization's public details; only its owners and agency admins may."""
    if not actor.has_perm("accounts.change_organization", organization):
        raise PermissionDenied(_("Only the organization's owners may change it."))
    allowed = {"name", "country", "city", "website", "description"}
    if organization.is_buyer:
        allowed.add("buyer_type")
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed here.")] for name in sorted(unknown)})
    if "buyer_type" in data and not data["buyer_type"]:
        # Named here, not left to the database constraint, whose message names no field.
        raise ValidationError({"buyer_type": [_("A buyer company says which kind of buyer it is.")]})
    for name, value in data.items():
        setattr(organization, name, value.strip() if isinstance(value, str) else value)
    organization.full_clean(exclude=["verification_reminder_sent_at"])
    organization.save()
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
        context={"company": organization.name, "status": event.to_state, "note": event.note},
        dedupe_key=f"audit:{event.pk}",
    )


def organization_remind_stale_verifications(*, now: datetime | None = None, batch_size: int = 200) -> int:
    """Notify agency admins, in one message, of buyer companies pending for too long.

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
