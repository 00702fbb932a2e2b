"""Factories for meetings: a verified buyer's request to a producer person, with one proposed
time a week ahead of the moment the factory runs. Nothing else is made behind the caller's back."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.enums import VerificationStatus
from markets.enums import MeetingPlace
from markets.models import Meeting, MeetingSlot
from tests.factories import BuyerOrganizationFactory, OrganizationFactory, UserFactory


def week_ahead(hours: int = 0):
    """A whole hour a week from now, plus ``hours``."""
    return (timezone.now() + timedelta(days=7, hours=hours)).replace(minute=0, second=0, microsecond=0)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    requester = factory.SubFactory(UserFactory)
    requester_organization = factory.SubFactory(
        BuyerOrganizationFactory, verification_status=VerificationStatus.VERIFIED
    )
    invitee = factory.SubFactory(UserFactory)
    invitee_organization = factory.SubFactory(OrganizationFactory)
    place = MeetingPlace.ONLINE


class MeetingSlotFactory(DjangoModelFactory):
    class Meta:
        model = MeetingSlot

    meeting = factory.SubFactory(MeetingFactory)
    starts_at = factory.LazyFunction(week_ahead)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=30))
