"""Saving a catalogue search (the catalogue's own filters check it) and the alert sweep: a film
published, or made available in the saved territory × media, after the search was saved is
announced once; nothing else is."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.verification import VerificationRequired
from campaigns import services
from campaigns.models import SavedSearch, SavedSearchMatch
from campaigns.services.searches import SAVED_SEARCH_LIMIT, SAVED_SEARCH_MATCH
from films import selectors
from films.models import FilmRight
from notifications.enums import EmailMode, EmailStatus
from notifications.models import Notification
from notifications.registry import kind_get
from notifications.services import notification_preference_set
from tests.campaigns.searches_helpers import SAVED_AT, later, make_available, published_film, saved, sweep
from tests.factories import BuyerOrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory

pytestmark = pytest.mark.django_db


# --- Saving ------------------------------------------------------------------------------


def test_a_saved_query_is_normalised_in_the_catalogues_order(buyer):
    search = services.saved_search_create(
        user=buyer,
        name="  French dramas ",
        query="?sort=title&page=3&territory=FR&genre=drama&genre=comedy&genre=drama&q=&year_min=2020",
    )

    assert search.name == "French dramas"
    assert search.query == "genre=comedy&genre=drama&year_min=2020&territory=FR"


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("genre=no-such-genre", "“genre”"),
        ("year_min=soon", "“year_min”"),
        ("territory=XX", "“territory”"),
        ("media=carrier-pigeon", "“media”"),
        ("colour=blue", "“colour”"),
        ("q=war%00", "“q”"),
    ],
)
def test_an_invalid_filter_is_refused_naming_it(buyer, query, named):
    with pytest.raises(ValidationError) as refused:
        services.saved_search_create(user=buyer, name="Bad", query=query)

    assert list(refused.value.message_dict) == ["query"]
    assert named in " ".join(refused.value.message_dict["query"])
    assert SavedSearch.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "query", "field"),
    [
        ("", "genre=drama", "name"),
        ("a\x00b", "genre=drama", "name"),
        ("x" * 101, "genre=drama", "name"),
        ("Long", "q=" + "a" * 2001, "query"),
        ("Nul", "genre=drama\x00", "query"),
        ("Many", "&".join(["genre=drama"] * 101), "query"),
        (["not", "text"], "genre=drama", "name"),
    ],
)
def test_bad_names_and_queries_are_refused(buyer, name, query, field):
    with pytest.raises(ValidationError) as refused:
        services.saved_search_create(user=buyer, name=name, query=query)

    assert field in refused.value.message_dict
    assert SavedSearch.objects.count() == 0


def test_a_buyer_keeps_at_most_the_limit(buyer):
    for n in range(SAVED_SEARCH_LIMIT):
        services.saved_search_create(user=buyer, name=f"Search {n}", query="genre=drama")

    with pytest.raises(ValidationError) as refused:
        services.saved_search_create(user=buyer, name="One too many", query="genre=drama")

    assert str(SAVED_SEARCH_LIMIT) in refused.value.messages[0]
    assert SavedSearch.objects.filter(user=buyer).count() == SAVED_SEARCH_LIMIT


def test_an_unverified_buyer_is_told_the_verification_status(pending_buyer):
    with pytest.raises(VerificationRequired) as refused:
        services.saved_search_create(user=pending_buyer, name="Dramas", query="genre=drama")

    assert "Pending Buyers" in refused.value.notice.text


def test_a_producer_may_not_save_searches(producer):
    with pytest.raises(PermissionDenied):
        services.saved_search_create(user=producer, name="Dramas", query="genre=drama")


def test_only_the_owner_renames_or_deletes(buyer, buyer_org):
    search = saved(buyer)
    colleague = member_of(buyer_org, email="colleague@example.test")

    with pytest.raises(PermissionDenied):
        services.saved_search_rename(saved_search=search, actor=colleague, name="Mine now")
    with pytest.raises(PermissionDenied):
        services.saved_search_delete(saved_search=search, actor=colleague)
    services.saved_search_rename(saved_search=search, actor=buyer, name="Festival dramas")

    search.refresh_from_db()
    assert search.name == "Festival dramas"


# --- The sweep ---------------------------------------------------------------------------


def _announced(search) -> list[int]:
    return sorted(SavedSearchMatch.objects.filter(saved_search=search).values_list("film_id", flat=True))


def test_a_film_published_after_saving_is_announced_once(buyer, producer_org):
    search = saved(buyer)
    film = published_film(producer_org, at=later(1), title_en="Mountains May Depart", title_original="山河故人")

    first = sweep(later(5))
    second = sweep(later(10))

    assert (first, second) == (1, 0)
    assert _announced(search) == [film.pk]
    [notification] = Notification.objects.filter(kind=SAVED_SEARCH_MATCH)
    assert notification.recipient == buyer
    assert notification.url == f"/films/{film.pk}/"
    assert notification.context["films"] == [{"id": film.pk, "title": "Mountains May Depart", "title_zh": "山河故人"}]
    assert notification.context["results_url"] == f"/searches/{search.pk}/open/"


def test_films_that_do_not_match_or_came_before_are_not_announced(buyer, producer_org):
    published_film(producer_org, at=SAVED_AT.replace(hour=8))  # before the search
    search = saved(buyer)
    published_film(producer_org, at=later(1), genres=["comedy"])  # another genre

    assert sweep(later(5)) == 0
    assert _announced(search) == []
    assert not Notification.objects.filter(kind=SAVED_SEARCH_MATCH).exists()


def test_one_notification_names_the_new_films_of_a_search_in_a_sweep(buyer, producer_org):
    search = saved(buyer)
    films = [published_film(producer_org, at=later(n)) for n in (1, 2, 3)]

    assert sweep(later(5)) == 3

    [notification] = Notification.objects.filter(kind=SAVED_SEARCH_MATCH)
    assert notification.context["count"] == 3
    assert notification.url == f"/searches/{search.pk}/open/"
    assert sorted(f["id"] for f in notification.context["films"]) == sorted(f.pk for f in films)


def test_a_film_made_available_in_the_saved_territory_and_media_is_announced(buyer, producer_org):
    film = published_film(producer_org, at=SAVED_AT.replace(hour=7))
    elsewhere = published_film(producer_org, at=SAVED_AT.replace(hour=7))
    search = saved(buyer, "genre=drama&territory=FR&media=theatrical")
    make_available(film, "FR", "theatrical")
    make_available(elsewhere, "DE", "theatrical")
    make_available(elsewhere, "FR", "tv")

    assert sweep(later(5)) == 1
    assert _announced(search) == [film.pk]


def test_an_announced_film_made_available_again_is_not_announced_again(buyer, producer_org):
    search = saved(buyer, "territory=FR&media=theatrical")
    film = published_film(producer_org, at=later(1))
    make_available(film)
    assert sweep(later(5)) == 1

    make_available(film, "FR", "theatrical")  # the grid saved again: new rows
    assert sweep(later(10)) == 0
    assert _announced(search) == [film.pk]
    assert Notification.objects.filter(kind=SAVED_SEARCH_MATCH).count() == 1


def test_a_publication_the_last_sweep_could_not_see_is_caught_by_the_next(buyer, producer_org):
    # Stamped before the sweep at minute 5 but committed after it: the next window still covers it.
    search = saved(buyer)
    sweep(later(5))
    film = published_film(producer_org, at=later(4))

    assert sweep(later(10)) == 1
    assert _announced(search) == [film.pk]


def test_each_search_of_each_buyer_announces_the_film(buyer, producer_org):
    other_buyer = member_of(BuyerOrganizationFactory(verification_status="verified"), email="b3@example.test")
    first, second = saved(buyer), saved(buyer, "type=feature_fiction", name="Features")
    third = saved(other_buyer)
    film = published_film(producer_org, at=later(1))

    assert sweep(later(5)) == 3
    assert [_announced(s) for s in (first, second, third)] == [[film.pk]] * 3


def test_a_buyer_no_longer_verified_is_not_told(buyer, buyer_org, producer_org):
    search = saved(buyer)
    buyer_org.verification_status = "suspended"
    buyer_org.save()
    published_film(producer_org, at=later(1))

    assert sweep(later(5)) == 0
    assert _announced(search) == []


# --- E-mail: the daily digest by default, or at once ------------------------------------


def test_by_default_the_alert_waits_for_the_daily_digest(buyer, producer_org):
    saved(buyer)
    published_film(producer_org, at=later(1))

    sweep(later(5))

    [notification] = Notification.objects.filter(kind=SAVED_SEARCH_MATCH)
    assert notification.email_status == EmailStatus.DIGEST
    assert notification.in_app
    assert mail.outbox == []


def test_a_buyer_who_chose_immediate_gets_the_mail_at_once(buyer, producer_org, django_capture_on_commit_callbacks):
    notification_preference_set(user=buyer, kind=SAVED_SEARCH_MATCH, email=EmailMode.IMMEDIATE)
    search = saved(buyer)
    film = published_film(producer_org, at=later(1), title_en="Mountains May Depart")

    with django_capture_on_commit_callbacks(execute=True):
        sweep(later(5))

    [message] = mail.outbox
    assert message.to == [buyer.email]
    assert "Mountains May Depart" in message.subject
    assert f"/films/{film.pk}/" in message.body
    assert f"/searches/{search.pk}/open/" in message.body


def test_titles_are_in_the_readers_language(buyer, producer_org):
    saved(buyer)
    published_film(producer_org, at=later(1), title_en="Mountains May Depart", title_original="山河故人")
    sweep(later(5))
    notification = Notification.objects.get(kind=SAVED_SEARCH_MATCH)
    kind = kind_get(SAVED_SEARCH_MATCH)

    with translation.override("zh-hans"):
        chinese = kind.subject_for(notification.context)
    english = kind.subject_for(notification.context)

    assert "山河故人" in chinese
    assert "Mountains May Depart" in english


# --- Cost ----------------------------------------------------------------------------------


def _sweep_queries(at) -> int:
    with CaptureQueriesContext(connection) as queries:
        sweep(at)
    return len(queries)


def test_the_sweeps_queries_per_search_are_constant(buyer, producer_org):
    for n in range(3):
        saved(buyer, name=f"Dramas {n}")
    published_film(producer_org, at=later(1))
    three = _sweep_queries(later(5))
    SavedSearch.objects.exclude(pk=SavedSearch.objects.order_by("pk").first().pk).delete()
    published_film(producer_org, at=later(6))
    one = _sweep_queries(later(10))
    saved(buyer, name="Late", at=later(7))
    published_film(producer_org, at=later(11))
    two = _sweep_queries(later(15))

    assert three - two == two - one


def test_the_sweep_does_not_read_unchanged_films(buyer, producer_org):
    for _n in range(5):
        PublishedFilmFactory(organization=producer_org, published_at=SAVED_AT.replace(hour=1), genres=["drama"])
    saved(buyer)

    with CaptureQueriesContext(connection) as queries:
        assert sweep(later(5)) == 0

    # No candidate films: the batch's two change queries, then only the search's lock and update.
    assert not any("films_film" in q["sql"] and "IN (" in q["sql"] for q in queries.captured_queries)


@pytest.mark.postgres
def test_the_sweeps_change_queries_use_the_catalogues_indexes(buyer, producer_org):
    # The two change queries of a sweep on a grid of thousands of rights rows, statistics taken:
    # films published since the window by the catalogue's listing index, rights rows added since
    # by a primary-key range, neither reading the tables whole.
    film = published_film(producer_org, at=SAVED_AT)
    FilmRight.objects.bulk_create(
        FilmRight(film=film, territory=f"{chr(65 + n // 26)}{chr(65 + n % 26)}", media=media)
        for n in range(26 * 26)
        for media in ("theatrical", "tv", "svod")
    )
    top = FilmRight.objects.order_by("-pk").values_list("pk", flat=True).first()
    published = (
        selectors.film_list_published()
        .filter(published_at__gt=SAVED_AT, published_at__lte=later(5))
        .order_by("-published_at", "-id")
    )
    rights = (
        FilmRight.objects.filter(pk__gt=top - 10, pk__lte=top, status="available")
        .order_by()
        .values("film_id")
        .annotate(top=Max("pk"))
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE films_film, films_filmright")
        cursor.execute("SET LOCAL enable_seqscan = off")  # a one-film table is read whole otherwise
        listing = published.values_list("pk", "published_at").explain()
        cursor.execute("SET LOCAL enable_seqscan = on")
        added = rights.explain()

    # Which of the catalogue's listing indexes (film_listing_idx, …_year_idx, …_title_idx) the
    # planner takes for a table this small varies; that it reads one of them, not the table, holds.
    assert "Index Scan using film_listing" in listing or "Index Only Scan using film_listing" in listing
    assert "Seq Scan" not in listing
    assert "films_filmright_pkey" in added
    assert "Seq Scan" not in added
