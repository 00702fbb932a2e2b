"""The markets app's services (each module holds one part; re-exported here)."""

from markets.services.buyers import buyer_profile_clean, buyer_profile_missing, buyer_profile_update
from markets.services.directory import *  # noqa: F403
from markets.services.participation import (
    participation_company_for,
    participation_create,
    participation_duplicate_message,
    participation_guard_producer_verified,
    participation_guard_registration_open,
    participation_transition,
    participation_update,
    pavilion_application_duplicate_message,
    pavilion_application_guard_place_left,
    pavilion_application_transition,
    pavilion_apply,
    pavilion_create,
    pavilion_update,
)
from markets.services.screenings import (
    reservation_cancel,
    reservation_create,
    reservation_duplicate_message,
    reservation_full_message,
    screening_booking_refusals,
    screening_conflict,
    screening_create,
    screening_transition,
    screening_update,
)

__all__ = [
    "buyer_profile_clean",
    "buyer_profile_missing",
    "buyer_profile_update",
    "participation_company_for",
    "participation_create",
    "participation_duplicate_message",
    "participation_guard_producer_verified",
    "participation_guard_registration_open",
    "participation_transition",
    "participation_update",
    "pavilion_application_duplicate_message",
    "pavilion_application_guard_place_left",
    "pavilion_application_transition",
    "pavilion_apply",
    "pavilion_create",
    "pavilion_update",
    "reservation_cancel",
    "reservation_create",
    "reservation_duplicate_message",
    "reservation_full_message",
    "screening_booking_refusals",
    "screening_conflict",
    "screening_create",
    "screening_transition",
    "screening_update",
]
