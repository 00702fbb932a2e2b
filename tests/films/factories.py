"""Factories for films, shared by the films tests.

Films made here get their search documents built (as the services do), so the catalogue's
search finds them; nothing else happens behind the caller's back. Genres are the ones the
migration seeds (``drama``, ``comedy``, …): pass slugs to ``genres=[...]``.
"""

import io
from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from accounts.models import Organization
from films import services
from films.enums import CompletionStatus, CreditRole, FilmType, ListingStatus, RightsMedia, RightsStatus
from films.models import Credit, Film, FilmCountry, FilmLanguage, FilmRight, Genre, Shortlist, ShortlistItem
from tests.factories import OrganizationFactory, UserFactory, member_of


def png_bytes(width: int = 60, height: int = 90, color: tuple[int, int, int] = (179, 38, 30)) -> bytes:
    """A real PNG image, made with Pillow."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="PNG")
    return out.getvalue()


def poster_upload(name: str = "poster.png", **kwargs) -> SimpleUploadedFile:
    """An uploaded file holding a real small PNG."""
    return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")


def forged_upload(name: str = "poster.png") -> SimpleUploadedFile:
    """A text file that only claims, by its name and content type, to be a PNG."""
    return SimpleUploadedFile(name, b"this is not an image at all\n" * 10, content_type="image/png")


class FilmFactory(DjangoModelFactory):
    """A draft film of a production company. ``genres``, ``original_languages``,
    ``subtitle_languages`` and ``countries`` take lists (genre slugs, codes)."""

    class Meta:
        model = Film
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    title_original = factory.Sequence(lambda n: f"影片{n}号")
    title_en = factory.Sequence(lambda n: f"Film Number {n}")
    logline_en = "A family gathers for one last summer."
    logline_zh = "一家人最后一个夏天的团聚。"
    film_type = FilmType.FEATURE_FICTION
    runtime_minutes = 100
    production_year = 2024
    completion_status = CompletionStatus.COMPLETED
    listing_status = ListingStatus.DRAFT

    @factory.post_generation
    def genres(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.genres.set(g if isinstance(g, Genre) else Genre.objects.get(slug=g) for g in extracted)

    @factory.post_generation
    def original_languages(obj, create, extracted, **kwargs):
        if create and extracted:
            FilmLanguage.objects.bulk_create(
                FilmLanguage(film=obj, language=code, kind=FilmLanguage.Kind.ORIGINAL) for code in extracted
            )

    @factory.post_generation
    def subtitle_languages(obj, create, extracted, **kwargs):
        if create and extracted:
            FilmLanguage.objects.bulk_create(
                FilmLanguage(film=obj, language=code, kind=FilmLanguage.Kind.SUBTITLE) for code in extracted
            )

    @factory.post_generation
    def countries(obj, create, extracted, **kwargs):
        if create and extracted:
            FilmCountry.objects.bulk_create(FilmCountry(film=obj, country=code) for code in extracted)

    @factory.post_generation
    def search(obj, create, extracted, **kwargs):
        if create:
            services.film_refresh_search(film=obj)


class PublishedFilmFactory(FilmFactory):
    listing_status = ListingStatus.PUBLISHED
    synopsis_en = "A longer account of the family and its summer."
    synopsis_zh = "关于这个家庭和那个夏天的更长的故事。"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class CreditFactory(DjangoModelFactory):
    """A credit; the film's search documents are rebuilt so its people are searchable."""

    class Meta:
        model = Credit
        skip_postgeneration_save = True

    film = factory.SubFactory(FilmFactory)
    role = CreditRole.DIRECTOR
    name = "王小帅"
    name_latin = "Wang Xiaoshuai"
    order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def search(obj, create, extracted, **kwargs):
        if create:
            services.film_refresh_search(film=obj.film)


class FilmRightFactory(DjangoModelFactory):
    """One grid cell: France, theatrical, available, no term."""

    class Meta:
        model = FilmRight

    film = factory.SubFactory(FilmFactory)
    territory = "FR"
    media = RightsMedia.THEATRICAL
    status = RightsStatus.AVAILABLE


class ShortlistFactory(DjangoModelFactory):
    class Meta:
        model = Shortlist

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Shortlist {n}")


class ShortlistItemFactory(DjangoModelFactory):
    class Meta:
        model = ShortlistItem

    shortlist = factory.SubFactory(ShortlistFactory)
    film = factory.SubFactory(PublishedFilmFactory)


def complete_film(org: Organization, *, actor=None, **fields) -> Film:
    """A draft film with everything review needs: English title and synopsis, a poster (stored
    through ``services.film_image_add_now``, so shown even when the film is made published),
    runtime, year, a director and one rights row.

    ``actor`` uploads the poster; by default the organization's first member, or a new member.
    """
    if actor is None:
        membership = org.memberships.select_related("user").order_by("id").first()
        actor = membership.user if membership else member_of(org)
    fields.setdefault("synopsis_en", "A daughter returns to the mountain village to bury her father.")
    film = FilmFactory(organization=org, **fields)
    CreditFactory(film=film, role=CreditRole.DIRECTOR)
    FilmRightFactory(film=film)
    services.film_image_add_now(film=film, actor=actor, upload=poster_upload())
    return film
