"""The kinds of notification, registered by the apps that send them.

An app registers its kinds from its ``AppConfig.ready`` (``register_kind(NotificationKind(...))``),
so notifications imports no app and a kind is known to every process before it sends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from notifications.enums import EmailMode


@dataclass(frozen=True)
class NotificationKind:
    """One kind of message.

    ``subject`` is a translatable string formatted with the notification's context
    (``"%(title)s is published"``) or a function of the context; it is evaluated in the reader's
    language, for the mail's subject line and the in-app list alike. ``template`` renders the
    mail's body from the context (plain text). ``listed`` kinds appear on the preferences page;
    ``always_email`` kinds ignore preferences (the daily digest itself). ``prepare`` adds to
    the template's context what must be looked up in the reader's language (a country's name);
    ``prepare_for_recipient`` gets the context and the recipient and adds what is made for that
    person each time the mail is written and must never be stored (a one-time link's token).
    A kind that is not ``unsubscribable`` (a mail the person asked for, such as a password
    reset) carries no List-Unsubscribe headers and no unsubscribe footer.
    """

    code: str
    label: str | Promise
    subject: str | Promise | Callable[[dict], str]
    template: str
    default_email: str = EmailMode.IMMEDIATE
    in_app: bool = True
    listed: bool = True
    always_email: bool = False
    prepare: Callable[[dict], dict] | None = None
    prepare_for_recipient: Callable[[dict, Any], dict] | None = None
    unsubscribable: bool = True

    def subject_for(self, context: dict) -> str:
        if callable(self.subject):
            return str(self.subject(context))
        try:
            return str(self.subject) % context
        except (KeyError, TypeError, ValueError):
            return str(self.label)


_KINDS: dict[str, NotificationKind] = {}


def register_kind(kind: NotificationKind) -> NotificationKind:
    """Make a kind known; registering the same code again replaces it (``ready`` may run twice)."""
    if kind.default_email not in EmailMode.values:
        raise ValueError(f"{kind.code}: unknown default e-mail mode {kind.default_email!r}")
    _KINDS[kind.code] = kind
    return kind


def kind_get(code: str) -> NotificationKind | None:
    return _KINDS.get(code)


def kind_list(*, listed_only: bool = True) -> list[NotificationKind]:
    """Registered kinds in a stable order (by code)."""
    return [k for _code, k in sorted(_KINDS.items()) if k.listed or not listed_only]
