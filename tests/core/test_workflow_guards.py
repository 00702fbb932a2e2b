"""Guards on transitions: what ``choices_for`` offers and blocks, and the order in which
``transition_apply`` judges a move (status, lock, table, permission, then every reason at once)."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.enums import BuyerVerificationStatus
from accounts.models import Organization
from core.models import AuditEvent
from core.workflow import Transition, TransitionError, TransitionTable, transition_apply

pytestmark = pytest.mark.django_db

_S = BuyerVerificationStatus
_DECIDE = "accounts.verify_organization"
calls: list[tuple[str, int]] = []


def needs_a_website(*, obj: Organization, actor) -> list[str]:
    calls.append(("website", obj.pk))
    return [] if obj.website else ["The company has no website."]


def needs_a_city(*, obj: Organization, actor) -> list[str]:
    calls.append(("city", obj.pk))
    return [] if obj.city else ["The company has no city."]


TABLE = TransitionTable(
    _S,
    [
        # One guard given as a callable, one by its dotted path (as apps do to avoid import cycles).
        Transition(_S.PENDING, _S.VERIFIED, _DECIDE, "Verify", guards=(needs_a_website, f"{__name__}.needs_a_city")),
        Transition(_S.PENDING, _S.REJECTED, _DECIDE, "Reject", note_required=True),
    ],
)


@pytest.fixture(autouse=True)
def _forget_calls():
    calls.clear()


def move(org, to, actor, **kwargs):
    return transition_apply(obj=org, to=to, actor=actor, table=TABLE, field="verification_status", **kwargs)


def choices(org, user):
    return TABLE.choices_for(obj=org, user=user, field="verification_status")


def test_a_guarded_move_is_left_out_of_the_allowed_ones_and_blocked_with_every_reason(agency_admin, pending_org):
    found = choices(pending_org, agency_admin)

    assert [t.target for t in found.allowed] == ["rejected"]
    assert [(b.target, b.label, b.reasons) for b in found.blocked] == [
        ("verified", "Verify", ["The company has no website.", "The company has no city."])
    ]
    assert TABLE.allowed_for(obj=pending_org, user=agency_admin, field="verification_status") == found.allowed
    assert TABLE.blocked_for(obj=pending_org, user=agency_admin, field="verification_status") == found.blocked


def test_a_move_whose_guards_pass_is_allowed(agency_admin, pending_org):
    pending_org.website, pending_org.city = "https://buyers.example", "São Paulo"

    found = choices(pending_org, agency_admin)

    assert ([t.target for t in found.allowed], found.blocked) == (["verified", "rejected"], [])


def test_guards_are_not_asked_for_a_user_without_the_permission(pending_buyer, pending_org):
    found = choices(pending_org, pending_buyer)

    assert (found.allowed, found.blocked, calls) == ([], [], [])


def test_applying_a_guarded_move_refuses_with_every_reason_and_changes_nothing(agency_admin, pending_org):
    with pytest.raises(TransitionError) as refused:
        move(pending_org, "verified", agency_admin)

    assert refused.value.message_dict == {"to": ["The company has no website.", "The company has no city."]}
    pending_org.refresh_from_db()
    assert pending_org.verification_status == _S.PENDING
    assert AuditEvent.objects.count() == 0


def test_guard_reasons_a_missing_note_and_bad_input_come_back_together(agency_admin, pending_org):
    with pytest.raises(TransitionError) as refused:
        move(pending_org, "rejected", agency_admin, clean=lambda locked, t: {"register": ["Give the register."]})

    assert refused.value.message_dict == {
        "note": ["A note is required for this change."],
        "register": ["Give the register."],
    }


def test_permission_is_judged_before_guards_note_and_input(pending_buyer, pending_org):
    asked = []

    with pytest.raises(PermissionDenied):
        move(pending_org, "rejected", pending_buyer, clean=lambda locked, t: asked.append(t) or {"x": ["bad"]})
    with pytest.raises(PermissionDenied):
        move(pending_org, "verified", pending_buyer)

    assert (asked, calls) == ([], [])


def test_a_move_the_table_lacks_is_refused_before_the_permission(pending_buyer, pending_org):
    with pytest.raises(TransitionError) as refused:
        move(pending_org, "suspended", pending_buyer)

    assert refused.value.message_dict == {
        "to": ["This is “Pending” now, so it cannot become “Suspended”. Nothing was changed."]
    }


def test_an_unknown_status_is_refused_first(pending_buyer, pending_org):
    with pytest.raises(TransitionError) as refused:
        move(pending_org, "sideways", pending_buyer)

    assert refused.value.message_dict == {"to": ["“sideways” is not a known status."]}


def test_guards_and_extra_updates_read_the_locked_row_not_the_callers_copy(agency_admin, pending_org):
    stale = Organization.objects.get(pk=pending_org.pk)
    Organization.objects.filter(pk=pending_org.pk).update(website="https://buyers.example", city="Recife")
    seen = []

    def stamp(locked, t):
        seen.append((locked is stale, locked.city))
        return []

    move(stale, "verified", agency_admin, extra_updates=stamp)

    assert seen == [(False, "Recife")]
    assert calls == [("website", pending_org.pk), ("city", pending_org.pk)]
    assert stale.verification_status == _S.VERIFIED
    assert AuditEvent.objects.get().to_state == _S.VERIFIED
