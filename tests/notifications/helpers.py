"""What the notifications tests share: writing notifications as a service does."""

from django.db import transaction

from notifications import services

KIND = "accounts.verification_decision"
OTHER_KIND = "films.listing_decision"
CONTEXT = {"company": "Quai Films", "status": "verified", "note": "Register checked."}


def send(recipients, *, key: str = "one", kind: str = KIND, context: dict | None = None, url: str = "/films/"):
    """Write notifications as a service would: inside a transaction."""
    with transaction.atomic():
        return services.notify(recipients=recipients, kind=kind, dedupe_key=key, context=context or CONTEXT, url=url)


LISTING_CONTEXT = {
    "to_state": "published",
    "title": "Mountain Echo",
    "company": "Demo Pictures",
    "note": "",
    "film_id": 1,
}
