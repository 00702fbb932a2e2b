import uuid
import zoneinfo

from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from rules.contrib.models import RulesModelBase, RulesModelMixin

from accounts import rules as r
from accounts.enums import (
    PRODUCER_KINDS,
    VERIFIED_KINDS,
    BuyerType,
    MembershipRole,
    OrganizationKind,
    StaffRole,
    VerificationStatus,
)
from core.models import BaseModel


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone."),
            params={"value": value},
            code="invalid",
        )


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("staff_role", StaffRole.AGENCY_ADMIN)
        return self.create_user(email, password, **extra)


class User(RulesModelMixin, AbstractBaseUser, PermissionsMixin, metaclass=RulesModelBase):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    staff_role = models.CharField(_("agency role"), max_length=20, choices=StaffRole.choices, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC", validators=[validate_time_zone])
    language = models.CharField(_("language"), max_length=10, default="en")
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("back-office access"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]
        rules_permissions = {
            "add": r.is_agency_admin,
            "view": r.is_self | r.is_agency_admin,
            "change": r.is_self | r.is_agency_admin,
            "delete": r.is_agency_admin,
        }

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    @property
    def is_agency_admin(self) -> bool:
        return self.is_active and self.staff_role == StaffRole.AGENCY_ADMIN

    @property
    def is_reviewer(self) -> bool:
        return self.is_active and self.staff_role == StaffRole.REVIEWER

    def has_module_perms(self, app_label: str) -> bool:
        # The back office is the agency admins'; what they may do there is decided per model by rules.
        return self.is_agency_admin or super().has_module_perms(app_label)


def verification_document_path(organization: "Organization", filename: str) -> str:
    """An unguessable name under ``verification/``: the file is served only through the
    company's document page, which checks who asks."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"verification/{uuid.uuid4().hex}.{extension}"


class Organization(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    buyer_type = models.CharField(
        _("buyer type"),
        max_length=32,
        choices=BuyerType.choices,
        blank=True,
        help_text=_("Buyer companies only."),
    )
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    city_zh = models.CharField(
        _("city (Chinese)"),
        max_length=120,
        blank=True,
        help_text=_("The city's Chinese name, shown to readers of the Chinese interface."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    verification_status = models.CharField(
        _("verification status"),
        max_length=16,
        choices=VerificationStatus.choices,
        blank=True,
        help_text=_("Buyer and producer companies: whether the agency has verified the company."),
    )
    registration_number = models.CharField(
        _("business registration number"),
        max_length=64,
        blank=True,
        help_text=_("The number in the company register (for a Chinese company, the unified social credit code)."),
    )
    verification_document = models.FileField(
        _("registration document"),
        upload_to=verification_document_path,
        blank=True,
        max_length=200,
        help_text=_("The business licence or register extract the agency checks (PDF, JPEG or PNG)."),
    )
    verification_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    members = models.ManyToManyField(
        "accounts.User",
        through="accounts.Membership",
        related_name="organizations",
        verbose_name=_("members"),
    )

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name", "id"]
        indexes = [
            models.Index(
                fields=["kind", "verification_status", "created_at"],
                name="org_kind_status_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                name="org_buyer_type_iff_buyer",
                condition=(models.Q(kind=OrganizationKind.BUYER_COMPANY) & ~models.Q(buyer_type=""))
                | (~models.Q(kind=OrganizationKind.BUYER_COMPANY) & models.Q(buyer_type="")),
            ),
            models.CheckConstraint(
                name="org_verification_iff_verified_kind",
                condition=(models.Q(kind__in=VERIFIED_KINDS) & ~models.Q(verification_status=""))
                | (~models.Q(kind__in=VERIFIED_KINDS) & models.Q(verification_status="")),
            ),
        ]
        rules_permissions = {
            "add": r.is_agency_admin,
            "view": r.is_agency_admin | r.is_org_member,
            "change": r.is_agency_admin | r.is_org_owner,
            "delete": r.is_agency_admin,
            "verify": r.is_agency_admin,
        }

    def __str__(self) -> str:
        return self.name

    @property
    def is_buyer(self) -> bool:
        return self.kind == OrganizationKind.BUYER_COMPANY

    @property
    def is_producer(self) -> bool:
        return self.kind in PRODUCER_KINDS

    @property
    def is_verifiable(self) -> bool:
        """Buyer and producer companies go through the agency's verification."""
        return self.kind in VERIFIED_KINDS

    @property
    def is_verified(self) -> bool:
        return self.verification_status == VerificationStatus.VERIFIED

    @property
    def status(self) -> str:
        """The life-cycle status the API and pages show: the company's verification."""
        return self.verification_status

    @property
    def city_display(self) -> str:
        """The city in the reader's language: the Chinese name in Chinese where there is one."""
        if self.city_zh and (get_language() or "").startswith("zh"):
            return self.city_zh
        return self.city or self.city_zh


class Membership(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organization"),
    )
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=MembershipRole.choices,
        default=MembershipRole.MEMBER,
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization__name", "user__email"]
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="membership_unique")]
        rules_permissions = {
            "add": r.is_agency_admin,
            "view": r.is_agency_admin | r.is_membership_visible,
            "change": r.is_agency_admin | r.is_membership_org_owner,
            "delete": r.is_agency_admin | r.is_membership_org_owner,
        }

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization} ({self.get_role_display()})"
