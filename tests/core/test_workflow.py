import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import models

from accounts.enums import BUYER_VERIFICATION_TRANSITIONS, BuyerVerificationStatus
from core.models import AuditEvent
from core.workflow import Transition, TransitionError, TransitionTable, audit_timeline, transition_apply

pytestmark = pytest.mark.django_db


class Light(models.TextChoices):
    RED = "red", "Red"
    GREEN = "green", "Green"


def move(org, to, actor, **kwargs):
    return transition_apply(
        obj=org, to=to, actor=actor, table=BUYER_VERIFICATION_TRANSITIONS, field="verification_status", **kwargs
    )


def test_a_table_naming_an_unknown_status_is_refused_at_import():
    with pytest.raises(ValueError, match="blue"):
        TransitionTable(Light, [Transition("red", "blue", "x.y", "Go")])


def test_table_lists_moves_from_a_state():
    targets = [t.target for t in BUYER_VERIFICATION_TRANSITIONS.from_state(BuyerVerificationStatus.PENDING)]

    assert targets == ["verified", "rejected"]


def test_allowed_for_anonymous_is_empty(pending_org):
    assert (
        BUYER_VERIFICATION_TRANSITIONS.allowed_for(obj=pending_org, user=AnonymousUser(), field="verification_status")
        == []
    )


def test_transition_apply_updates_the_callers_object_too(agency_admin, pending_org):
    result = move(pending_org, "verified", agency_admin)

    assert pending_org.verification_status == "verified"
    assert result.verification_status == "verified"


def test_side_effects_run_only_after_commit(agency_admin, pending_org, django_capture_on_commit_callbacks):
    seen = []

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        move(pending_org, "verified", agency_admin, on_commit=lambda obj, event: seen.append((obj.pk, event.to_state)))
    assert seen == []
    for callback in callbacks:
        callback()

    assert seen == [(pending_org.pk, "verified")]


def test_a_refused_move_runs_no_side_effect(agency_admin, pending_org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(TransitionError):
        move(pending_org, "suspended", agency_admin, on_commit=lambda obj, event: None)

    assert callbacks == []


def test_timeline_is_newest_first_with_labels(agency_admin, pending_org):
    for step in ("verified", "suspended"):
        move(pending_org, step, agency_admin, note="n")

    events = audit_timeline(obj=pending_org, table=BUYER_VERIFICATION_TRANSITIONS)

    assert [(e.from_label, e.to_label) for e in events] == [("Verified", "Suspended"), ("Pending", "Verified")]
    assert AuditEvent.objects.count() == 2


def test_audit_events_are_read_only_in_the_back_office(client, agency_admin, pending_org):
    move(pending_org, "verified", agency_admin)
    client.force_login(agency_admin, backend="django.contrib.auth.backends.ModelBackend")
    event = AuditEvent.objects.get()

    assert client.get("/admin/core/auditevent/").status_code == 200
    assert client.get(f"/admin/core/auditevent/{event.pk}/delete/").status_code == 403
