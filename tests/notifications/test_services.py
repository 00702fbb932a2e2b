from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from notifications import registry, services
from notifications.enums import EmailMode, EmailStatus
from notifications.models import Notification, NotificationPreference
from tests.factories import UserFactory
from tests.notifications.helpers import CONTEXT, KIND, LISTING_CONTEXT, OTHER_KIND, send

pytestmark = pytest.mark.django_db


# --- notify ---------------------------------------------------------------------------


def test_notify_writes_one_row_per_recipient_and_mails_each_once_after_commit(delivered):
    first, second = UserFactory(email="a@example.test"), UserFactory(email="b@example.test")

    ids = delivered([first, second, first])

    rows = Notification.objects.order_by("recipient__email")
    assert [(n.recipient, n.kind, n.email_status) for n in rows] == [
        (first, KIND, EmailStatus.SENT),
        (second, KIND, EmailStatus.SENT),
    ]
    assert sorted(ids) == sorted(n.pk for n in rows)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.test", "b@example.test"]
    assert all(n.attempts == 1 and n.sent_at is not None for n in rows)


def test_a_repeated_notify_creates_nothing_new_and_sends_nothing_again(delivered):
    reader = UserFactory()
    delivered([reader], key="audit:7")

    assert delivered([reader], key="audit:7") == []
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_notify_belongs_to_the_callers_transaction(django_capture_on_commit_callbacks):
    reader = UserFactory()

    def caller_that_fails_after_notifying() -> None:
        with transaction.atomic():
            services.notify(recipients=[reader], kind=KIND, dedupe_key="x", context=CONTEXT)
            raise RuntimeError("the caller fails after notifying")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        caller_that_fails_after_notifying()

    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_notify_sends_no_mail_before_the_transaction_commits(django_capture_on_commit_callbacks):
    reader = UserFactory()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send([reader])

    assert mail.outbox == []
    assert Notification.objects.get().email_status == EmailStatus.QUEUED
    assert len(callbacks) == 1


def test_unknown_kind_is_refused_naming_kind():
    with pytest.raises(ValidationError) as exc:
        services.notify(recipients=[UserFactory()], kind="films.nonsense", dedupe_key="x")

    assert list(exc.value.message_dict) == ["kind"]
    assert Notification.objects.count() == 0


def test_mail_is_written_in_the_readers_language_with_one_click_unsubscribe(delivered):
    reader = UserFactory(language="zh-hans", full_name="李娜")

    delivered([reader], context={**CONTEXT, "note": "已核实"})

    [message] = mail.outbox
    assert "已核实" in message.body
    assert "Hello" not in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://127.0.0.1:8000/notifications/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in message.body
    notification = Notification.objects.get()
    assert message.extra_headers["Message-ID"] == f"<notification.{notification.pk}@go-global.film>"


def test_a_mailto_unsubscribe_is_added_when_configured(delivered, settings):
    settings.NOTIFICATIONS_UNSUBSCRIBE_MAILTO = "unsubscribe@go-global.film"

    delivered([UserFactory()])

    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe"].endswith(
        ", <mailto:unsubscribe@go-global.film?subject=unsubscribe>"
    )


@pytest.fixture
def receipt_kind(monkeypatch):
    """A kind a person asks for (like a password reset): not unsubscribable, with a line made
    for its recipient when the mail is written."""
    kind = registry.NotificationKind(
        code="tests.receipt",
        label="Receipts",
        subject="Your receipt",
        template="accounts/email/verification_decision.txt",
        in_app=False,
        listed=False,
        always_email=True,
        unsubscribable=False,
        prepare_for_recipient=lambda context, user: {"note": f"made for {user.email}"},
    )
    monkeypatch.setitem(registry._KINDS, kind.code, kind)
    return kind


def test_a_kind_that_is_not_unsubscribable_has_no_unsubscribe_headers_or_footer(delivered, receipt_kind, settings):
    settings.NOTIFICATIONS_UNSUBSCRIBE_MAILTO = "unsubscribe@go-global.film"
    reader = UserFactory(email="reader@example.test")

    delivered([reader], kind=receipt_kind.code, context={"company": "Quai Films", "status": "verified"})

    [message] = mail.outbox
    assert sorted(message.extra_headers) == ["Message-ID", "X-Portal-Notification"]
    assert "/notifications/unsubscribe/" not in message.body
    assert "/notifications/preferences/" not in message.body


def test_prepare_for_recipient_adds_to_the_mail_what_is_never_stored(delivered, receipt_kind):
    reader = UserFactory(email="reader@example.test")

    delivered([reader], kind=receipt_kind.code, context={"company": "Quai Films", "status": "verified"})

    [message] = mail.outbox
    assert "made for reader@example.test" in message.body
    assert Notification.objects.get().context == {"company": "Quai Films", "status": "verified"}


def test_preference_off_keeps_the_notification_in_app_and_sends_no_mail(delivered):
    reader = UserFactory()
    services.notification_preference_set(user=reader, kind=KIND, email=EmailMode.OFF)

    delivered([reader])

    assert Notification.objects.get().email_status == EmailStatus.SKIPPED
    assert mail.outbox == []


def test_inactive_recipients_get_no_mail(delivered):
    delivered([UserFactory(is_active=False)])

    assert Notification.objects.get().email_status == EmailStatus.SKIPPED
    assert mail.outbox == []


def test_preference_for_an_unknown_kind_is_refused_naming_kind():
    reader = UserFactory()

    with pytest.raises(ValidationError) as exc:
        services.notification_preference_set(user=reader, kind="festivals.imaginary", email=EmailMode.OFF)

    assert list(exc.value.message_dict) == ["kind"]
    assert NotificationPreference.objects.count() == 0


def test_preference_with_an_unknown_mode_is_refused_naming_email():
    with pytest.raises(ValidationError) as exc:
        services.notification_preference_set(user=UserFactory(), kind=KIND, email="weekly")

    assert list(exc.value.message_dict) == ["email"]


# --- delivery -------------------------------------------------------------------------


def test_a_second_delivery_of_the_same_rows_sends_nothing_again(delivered):
    ids = delivered([UserFactory()])

    assert services.notification_deliver(ids=ids) == 0
    assert len(mail.outbox) == 1


def test_a_claimed_row_is_not_claimed_again_until_its_lease_runs_out(settings):
    settings.NOTIFICATIONS_CLAIM_SECONDS = 60
    ids = send([UserFactory()])
    now = timezone.now()

    token, claimed = services.notification_claim(now=now)
    assert claimed == ids
    assert services.notification_claim(now=now + timedelta(seconds=59))[1] == []
    later_token, again = services.notification_claim(now=now + timedelta(seconds=61))
    assert again == ids
    # The first claim is gone: its holder sends nothing.
    assert services.notification_deliver(ids=ids, token=token) == 0
    assert services.notification_deliver(ids=ids, token=later_token) == 1
    assert len(mail.outbox) == 1


def test_a_delivery_renews_a_lapsed_claim_nobody_else_took(settings):
    settings.NOTIFICATIONS_CLAIM_SECONDS = 60
    ids = send([UserFactory(), UserFactory()])
    token, _claimed = services.notification_claim()
    lapsed = timezone.now() - timedelta(seconds=1)
    Notification.objects.filter(pk__in=ids).update(claimed_until=lapsed, next_attempt_at=lapsed)
    # The lease ran out, and a sweep took the second row meanwhile.
    _taken_by, [taken] = services.notification_claim(ids=[ids[1]])

    assert services.notification_deliver(ids=ids, token=token) == 1

    assert Notification.objects.get(pk=ids[0]).email_status == EmailStatus.SENT
    assert Notification.objects.get(pk=taken).email_status == EmailStatus.QUEUED
    assert len(mail.outbox) == 1


def test_a_refused_mail_retries_with_backoff_then_fails_with_the_reason(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 60
    reader = UserFactory(email="gone@example.test")
    [pk] = send([reader])

    waits = []
    for _attempt in range(3):
        before = timezone.now()
        services.notification_deliver(ids=[pk])
        row = Notification.objects.get(pk=pk)
        if row.next_attempt_at:
            waits.append(round((row.next_attempt_at - before).total_seconds() / 60))
            Notification.objects.filter(pk=pk).update(next_attempt_at=before)  # let the next attempt be due

    assert waits == [1, 2]
    assert (row.email_status, row.attempts, row.next_attempt_at) == (EmailStatus.FAILED, 3, None)
    assert row.last_error == "gone@example.test: 550 5.1.1 Mailbox unavailable"


def test_an_unreachable_server_leaves_the_row_queued_with_the_reason(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.UnreachableBackend"
    [pk] = send([UserFactory()])

    assert services.notification_deliver(ids=[pk]) == 0

    row = Notification.objects.get(pk=pk)
    assert (row.email_status, row.attempts) == (EmailStatus.QUEUED, 1)
    assert row.last_error == "ConnectionRefusedError: [Errno 111] Connection refused"
    assert row.next_attempt_at > timezone.now()


def test_one_refused_recipient_does_not_hold_back_the_others(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    readers = [UserFactory(email="fine@example.test"), UserFactory(email="gone@example.test")]
    readers.append(UserFactory(email="also@example.test"))
    ids = send(readers)

    assert services.notification_deliver(ids=ids) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["also@example.test", "fine@example.test"]
    assert dict(Notification.objects.values_list("recipient__email", "email_status")) == {
        "fine@example.test": EmailStatus.SENT,
        "gone@example.test": EmailStatus.QUEUED,
        "also@example.test": EmailStatus.SENT,
    }


def test_the_sweep_hands_out_due_rows_only(settings):
    settings.NOTIFICATIONS_BATCH_SIZE = 2
    due = send([UserFactory() for _ in range(3)], key="due")
    later = send([UserFactory()], key="later")
    Notification.objects.filter(pk__in=later).update(next_attempt_at=timezone.now() + timedelta(hours=1))

    assert services.notification_sweep() == 3

    assert sorted(Notification.objects.filter(email_status=EmailStatus.SENT).values_list("pk", flat=True)) == due
    assert Notification.objects.get(pk=later[0]).email_status == EmailStatus.QUEUED
    assert len(mail.outbox) == 3


def test_retry_requeues_failed_rows_and_delivers_them(django_capture_on_commit_callbacks):
    [pk] = send([UserFactory()])
    Notification.objects.filter(pk=pk).update(email_status=EmailStatus.FAILED, attempts=5, last_error="550 no")

    with django_capture_on_commit_callbacks(execute=True):
        assert services.notification_retry(ids=[pk]) == 1

    row = Notification.objects.get(pk=pk)
    assert (row.email_status, row.attempts) == (EmailStatus.SENT, 1)
    assert len(mail.outbox) == 1


def test_retry_leaves_sent_rows_alone(delivered):
    [pk] = delivered([UserFactory()])

    assert services.notification_retry(ids=[pk]) == 0
    assert len(mail.outbox) == 1


# --- reading ---------------------------------------------------------------------------


def test_mark_read_and_mark_all_read():
    reader = UserFactory()
    first, _second = send([reader], key="1") + send([reader], key="2")
    notification = Notification.objects.get(pk=first)

    services.notification_mark_read(notification=notification, user=reader)
    assert Notification.objects.get(pk=first).read_at is not None
    assert services.notification_mark_all_read(user=reader) == 1
    assert services.notification_mark_all_read(user=reader) == 0


def test_marking_another_persons_notification_read_is_refused():
    [pk] = send([UserFactory()])

    with pytest.raises(PermissionDenied):
        services.notification_mark_read(notification=Notification.objects.get(pk=pk), user=UserFactory())
    assert Notification.objects.get(pk=pk).read_at is None


# --- unsubscribe ------------------------------------------------------------------------


def test_unsubscribe_token_names_the_person_and_kind_and_refuses_tampering():
    reader = UserFactory()
    token = services.unsubscribe_token(user=reader, kind=KIND)

    assert services.unsubscribe_token_read(token=token) == (reader.pk, KIND)
    assert services.unsubscribe_token_read(token=token[:-2] + ("AA" if not token.endswith("AA") else "BB")) is None
    assert services.unsubscribe_token_read(token="not-a-token") is None


def test_unsubscribing_from_the_digest_turns_off_every_daily_kind():
    reader = UserFactory()
    services.notification_preference_set(user=reader, kind=KIND, email=EmailMode.DAILY)
    services.notification_preference_set(user=reader, kind=OTHER_KIND, email=EmailMode.IMMEDIATE)

    # The kinds that go to the digest unless the reader says otherwise (saved-search alerts).
    daily_by_default = [kind.code for kind in registry.kind_list() if kind.default_email == EmailMode.DAILY]

    assert services.notification_unsubscribe(user=reader, kind="notifications.daily_digest") == sorted(
        {KIND, *daily_by_default}
    )

    assert dict(NotificationPreference.objects.values_list("kind", "email")) == {
        KIND: EmailMode.OFF,
        OTHER_KIND: EmailMode.IMMEDIATE,
        **dict.fromkeys(daily_by_default, EmailMode.OFF),
    }
    assert "campaigns.saved_search_match" in daily_by_default


def test_listing_notifications_render_their_subject_in_the_readers_language():
    reader = UserFactory(language="zh-hans")
    [pk] = send([reader], kind=OTHER_KIND, context=LISTING_CONTEXT)

    message = services.notification_email(notification=Notification.objects.get(pk=pk))

    assert "Mountain Echo" in message.subject
    assert "published in the catalogue" not in message.subject
