"""The markets app's services (each module holds one part; re-exported here)."""

from markets.services.directory import *  # noqa: F403
from markets.services.meetings import (
    meeting_conflicts,
    meeting_guard_started,
    meeting_guard_time_left,
    meeting_ics_url,
    meeting_request,
    meeting_sides,
    meeting_slot_errors,
    meeting_transition,
)
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

__all__ = [
    "meeting_conflicts",
    "meeting_guard_started",
    "meeting_guard_time_left",
    "meeting_ics_url",
    "meeting_request",
    "meeting_sides",
    "meeting_slot_errors",
    "meeting_transition",
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
]
