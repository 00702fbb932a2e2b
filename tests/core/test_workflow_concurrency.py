"""Twenty simultaneous identical moves make one move and one audit event (PostgreSQL, real
threads): the row lock in ``transition_apply`` serialises them, and each later thread finds the
move already made."""

import pytest
from rest_framework.test import APIClient

from accounts.enums import BUYER_VERIFICATION_TRANSITIONS, BuyerVerificationStatus
from core.models import AuditEvent
from core.workflow import TransitionError, transition_apply
from tests.races import at_once, kinds

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("transactional_db")]

THREADS = 20


def test_twenty_identical_moves_make_one_move_and_one_audit_event(agency_admin, pending_org):
    def verify(_i):
        return transition_apply(
            obj=type(pending_org).objects.get(pk=pending_org.pk),
            to=BuyerVerificationStatus.VERIFIED,
            actor=agency_admin,
            table=BUYER_VERIFICATION_TRANSITIONS,
            field="verification_status",
        )

    outcomes = at_once(THREADS, verify)

    assert kinds(outcomes) == {"ok": 1, "TransitionError": THREADS - 1}
    for outcome in outcomes:
        if isinstance(outcome.error, TransitionError):
            assert outcome.error.message_dict == {
                "to": ["Someone already made this change: it is “Verified” now. Nothing was changed."]
            }
    pending_org.refresh_from_db()
    assert pending_org.verification_status == BuyerVerificationStatus.VERIFIED
    assert list(AuditEvent.objects.values_list("from_state", "to_state")) == [("pending", "verified")]


def test_twenty_identical_moves_through_the_api_answer_one_200_and_nineteen_400(agency_admin, pending_org):
    def post(_i):
        client = APIClient()
        client.force_authenticate(agency_admin)
        response = client.post(f"/api/v1/organizations/{pending_org.pk}/transition/", {"to": "verified"}, format="json")
        return response.status_code

    outcomes = at_once(THREADS, post)

    assert sorted(outcome.value for outcome in outcomes) == [200] + [400] * (THREADS - 1)
    assert AuditEvent.objects.filter(object_id=str(pending_org.pk), to_state="verified").count() == 1
