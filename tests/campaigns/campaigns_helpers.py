"""What the campaign authoring tests share: a buyer world of several types, territories and
genres, and a campaign's input."""

from datetime import timedelta

from django.utils import timezone

from accounts.enums import BuyerType, BuyerVerificationStatus
from tests.factories import member_of
from tests.markets.buyers_factories import buyer_with_profile


def buyer_world() -> dict:
    """Verified buyers: a French drama distributor (two people), a German comedy broadcaster, a
    Japanese drama streaming platform; a pending French drama distributor (never reached)."""
    paris = buyer_with_profile(
        "Paris Pictures", buyer_type=BuyerType.DISTRIBUTOR, territories=("FR",), genres=("drama",)
    )
    berlin = buyer_with_profile(
        "Berlin TV", country="DE", buyer_type=BuyerType.BROADCASTER, territories=("DE",), genres=("comedy",)
    )
    tokyo = buyer_with_profile(
        "Tokyo Stream",
        country="JP",
        buyer_type=BuyerType.STREAMING_PLATFORM,
        territories=("JP",),
        genres=("drama",),
    )
    pending = buyer_with_profile(
        "Waiting Films", status=BuyerVerificationStatus.PENDING, territories=("FR",), genres=("drama",)
    )
    people = {
        "paris": [member_of(paris, email="p1@paris.test"), member_of(paris, email="p2@paris.test")],
        "berlin": [member_of(berlin, email="b1@berlin.test")],
        "tokyo": [member_of(tokyo, email="t1@tokyo.test")],
        "pending": [member_of(pending, email="w1@waiting.test")],
    }
    return {"paris": paris, "berlin": berlin, "tokyo": tokyo, "pending": pending, "people": people}


def campaign_input(*films, **over) -> dict:
    """A complete campaign's fields, promoting ``films`` to French drama distributors next week."""
    data = {
        "name": "Autumn slate",
        "subject_en": "New Chinese dramas for France",
        "subject_zh": "适合法国的中国新剧情片",
        "message_en": "Two festival dramas, available for France.",
        "message_zh": "两部电影节剧情片，法国版权可售。",
        "films": [film.pk for film in films],
        "buyer_types": ["distributor"],
        "territories": ["FR"],
        "genres": ["drama"],
        "by_email": True,
        "in_app": True,
        "send_at": timezone.now() + timedelta(days=7),
    }
    data.update(over)
    return data
