import pytest
from django.contrib.auth.models import AnonymousUser

from notifications.models import Notification, NotificationPreference
from tests.notifications.helpers import KIND, send
from tests.pages import ROLE_FIXTURES, ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(producer):
    [pk] = send([producer])
    return Notification.objects.get(pk=pk)


@pytest.mark.parametrize("role", ROLES)
def test_a_notification_is_its_recipients_and_the_outbox_is_the_agency_admins(request, own, role):
    user = request.getfixturevalue(ROLE_FIXTURES[role])
    user = user or AnonymousUser()

    may_view = user.has_perm("notifications.view_notification", own)
    may_change = user.has_perm("notifications.change_notification", own)

    assert may_view is (role in ("owner", "admin"))
    assert may_change is (role in ("owner", "admin"))
    assert user.has_perm("notifications.add_notification") is False


@pytest.mark.parametrize("role", ROLES)
def test_a_preference_is_its_owners(request, producer, role):
    preference = NotificationPreference.objects.create(user=producer, kind=KIND, email="off")
    user = request.getfixturevalue(ROLE_FIXTURES[role]) or AnonymousUser()

    assert user.has_perm("notifications.change_notificationpreference", preference) is (role == "owner")
