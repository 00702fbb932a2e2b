"""A test mail backend standing in for mail servers that refuse (SMTP leaves the machine)."""

import smtplib

from django.core.mail.backends import locmem
from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(locmem.EmailBackend):
    """Refuses every address starting with "gone"; the others land in the test outbox."""

    def send_messages(self, email_messages):
        refused = {m.to[0]: (550, b"5.1.1 Mailbox unavailable") for m in email_messages if m.to[0].startswith("gone")}
        if refused:
            raise smtplib.SMTPRecipientsRefused(refused)
        return super().send_messages(email_messages)


class UnreachableBackend(BaseEmailBackend):
    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, email_messages):
        self.open()
