"""Helpers shared by the films page tests (test_views_*.py) and API tests (test_api_*.py)."""


def login(client, user):
    client.force_login(user)
    return client


def as_user(client, user):
    if user is not None:
        client.force_authenticate(user)
    return client


def as_role(request, client, who):
    return as_user(client, request.getfixturevalue(who) if who else None)


def film_url(film, suffix=""):
    return f"/api/v1/films/{film.pk}/{suffix}"


def shortlist_url(shortlist, suffix=""):
    return f"/api/v1/shortlists/{shortlist.pk}/{suffix}"


def titles(response):
    assert response.status_code == 200, response.json()
    return [film["title_en"] for film in response.json()["results"]]
