"""Factories for campaigns: a draft of "Demo Pictures"-like company promoting one published film
to every verified buyer, sent a week from now (computed from the moment it is made)."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from campaigns.enums import CampaignStatus
from campaigns.models import Campaign, CampaignDelivery
from tests.factories import OrganizationFactory


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Autumn slate {n}")
    status = CampaignStatus.DRAFT
    subject_en = "New Chinese films for your autumn line-up"
    subject_zh = "适合秋季片单的中国新片"
    message_en = "Three festival films, available for Europe."
    message_zh = "三部电影节影片，欧洲版权可售。"
    send_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    @factory.post_generation
    def films(self, create, extracted, **kwargs):
        if create and extracted:
            self.films.set(extracted)


class CampaignDeliveryFactory(DjangoModelFactory):
    class Meta:
        model = CampaignDelivery

    campaign = factory.SubFactory(CampaignFactory, status=CampaignStatus.SENT)
    recipient = factory.SubFactory("tests.factories.UserFactory")
    organization = factory.SubFactory("tests.factories.BuyerOrganizationFactory")
