"""films/api/records.py renders films by hand for speed; it must answer exactly what DRF's own
rendering of the serializers in films/api/serializers.py answers, for every role and listing state."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from films import listing, selectors
from films.api import records
from films.api.serializers import FilmCardSerializer, FilmSerializer
from films.enums import CreditRole, ListingStatus
from films.models import Film
from films.rules import FilmPermissions, catalogue_audience
from tests.factories import OrganizationFactory
from tests.films.factories import CreditFactory, complete_film

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "producer", "other_producer", "buyer", "pending_buyer", "reviewer", "agency_admin"]


def _film(producer_org, status: str) -> Film:
    film = complete_film(
        producer_org,
        title_en="The Lantern Keeper",
        title_original="守灯人",
        listing_status=status,
        genres=["drama", "comedy"],
        original_languages=["cmn", "yue"],
        subtitle_languages=["en"],
        countries=["CN", "FR"],
        sales_agent=OrganizationFactory(name="Far East Sales"),
        trailer_url="https://example.test/trailer",
        screener_url="https://example.test/screener",
        domestic_release_date=date(2025, 3, 8),
        box_office_amount=Decimal("1234567.50"),
        box_office_currency="CNY",
        sales_contact_email="sales@example.test",
    )
    CreditFactory(film=film, role=CreditRole.CAST, name="林小雨", name_latin="Lin Xiaoyu", character="Mei")
    return film


def _drf_rendering(film: Film, context: dict, *, full: bool) -> dict:
    """What DRF's field machinery renders from the serializer's declared fields."""
    serializer = (FilmSerializer if full else FilmCardSerializer)(context=context)
    data = dict(serializers.ModelSerializer.to_representation(serializer, film))
    user = context["request"].user
    if full and not (user.has_perm("films.change_film", film) or user.has_perm("films.review_film", film)):
        data["screener_url"] = None  # the rule films/api/records.py states
    return data


@pytest.mark.parametrize("status", [ListingStatus.PUBLISHED, ListingStatus.PENDING_REVIEW, ListingStatus.DRAFT])
@pytest.mark.parametrize("who", ROLES)
def test_records_match_drf_rendering_for_every_role(request, producer_org, producer, who, status):
    film = _film(producer_org, status)
    user = request.getfixturevalue(who) or AnonymousUser()
    http = APIRequestFactory().get("/api/v1/films/")
    http.user = user
    context = {"request": http}
    full = user.has_perm("films.view_full_film", film)
    # As a catalogue page reads it for those whose answer is the catalogue's (not the producer's
    # members nor agency admins, who act on films): plain values, a full record's details included.
    plain = listing.catalogue_films([film.pk], full=full) if catalogue_audience(user) is not None else []
    for loaded in (
        Film.objects.get(pk=film.pk),  # one film on its own
        selectors.film_list_with_review_facts(selectors.film_list_with_cards(Film.objects.filter(pk=film.pk)))[0],
        *plain,
    ):
        expected = _drf_rendering(
            loaded if isinstance(loaded, Film) else Film.objects.get(pk=film.pk), context, full=full
        )

        rendered = records.film_record(loaded, request=http, permissions=FilmPermissions(user))

        assert rendered == expected
        assert list(rendered) == list(expected)  # the same field order as the schema
        assert rendered["access"] == (records.ACCESS_FULL if full else records.ACCESS_PUBLIC)


def test_permission_answers_are_remembered_by_membership_and_status(
    producer_org, producer, buyer, django_assert_num_queries
):
    first, second = _film(producer_org, ListingStatus.PUBLISHED), _film(producer_org, ListingStatus.PUBLISHED)
    permissions = FilmPermissions(buyer)
    assert permissions.has_perm("films.view_full_film", first)

    calls = []
    buyer.has_perm = lambda perm, obj=None: calls.append(perm) or True

    assert permissions.has_perm("films.view_full_film", second)
    assert calls == []  # the same facts: the remembered answer
    first.listing_status = ListingStatus.WITHDRAWN
    permissions.has_perm("films.view_full_film", first)
    assert calls == ["films.view_full_film"]  # other facts: asked again


@pytest.mark.parametrize("zone", ["UTC", "Asia/Shanghai", "America/Los_Angeles"])
def test_dates_are_written_as_drf_writes_them_in_the_active_time_zone(producer_org, buyer, zone):
    film = _film(producer_org, ListingStatus.PUBLISHED)
    http = APIRequestFactory().get("/api/v1/films/")
    http.user = buyer
    with timezone.override(zone):
        expected = _drf_rendering(Film.objects.get(pk=film.pk), {"request": http}, full=True)
        (plain,) = listing.catalogue_films([film.pk], full=True)
        rendered = records.film_record(plain, request=http, permissions=FilmPermissions(buyer))
    assert rendered["published_at"] == expected["published_at"]
    assert rendered["updated_at"] == expected["updated_at"]
    assert rendered == expected
