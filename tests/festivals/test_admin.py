"""The festival directory and film weeks are kept by agency admins in the back office;
submissions are only read there."""

import pytest

from festivals.models import Festival

pytestmark = pytest.mark.django_db


def test_agency_admin_adds_a_festival_to_the_directory(client, agency_admin):
    client.force_login(agency_admin)

    response = client.post(
        "/admin/festivals/festival/add/",
        {
            "name_en": "Test Harbour Film Festival",
            "name_zh": "测试港电影节",
            "city": "Porto",
            "country": "PT",
            "website": "https://harbour.example.test",
            "tier": "C",
            "focus_tags-TOTAL_FORMS": "1",
            "focus_tags-INITIAL_FORMS": "0",
            "focus_tags-0-focus": "shorts",
        },
    )

    assert response.status_code == 302
    festival = Festival.objects.get(name_en="Test Harbour Film Festival")
    assert list(festival.focus_tags.values_list("focus", flat=True)) == ["shorts"]


@pytest.mark.parametrize("page", ["festival", "festivaledition", "showcase", "submission", "showcaseproposal"])
def test_agency_admin_opens_every_festival_list(client, agency_admin, page):
    client.force_login(agency_admin)

    assert client.get(f"/admin/festivals/{page}/").status_code == 200


def test_submissions_cannot_be_added_in_the_back_office(client, agency_admin):
    client.force_login(agency_admin)

    assert client.get("/admin/festivals/submission/add/").status_code == 403


@pytest.mark.parametrize("who", ["producer", "buyer", "reviewer"])
def test_others_do_not_reach_the_festival_back_office(request, client, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get("/admin/festivals/festival/").status_code in (302, 403)


def test_vetting_a_festival_records_the_day_and_the_admin(client, agency_admin):
    festival = Festival.objects.create(name_en="Unvetted Test Festival", city="Lisbon", country="PT", tier="C")
    client.force_login(agency_admin)

    response = client.post(
        "/admin/festivals/festival/",
        {"action": "mark_vetted", "_selected_action": [festival.pk]},
        follow=True,
    )

    festival.refresh_from_db()
    assert response.status_code == 200
    assert (festival.verified, festival.verified_by) == (True, agency_admin)
    assert festival.verified_at is not None
    assert "1 festival is now vetted." in response.content.decode()


def test_the_vetted_flag_cannot_be_ticked_without_its_record(client, agency_admin):
    festival = Festival.objects.create(name_en="Unticked Test Festival", city="Lisbon", country="PT", tier="C")
    client.force_login(agency_admin)

    client.post(
        f"/admin/festivals/festival/{festival.pk}/change/",
        {
            "name_en": festival.name_en,
            "city": "Lisbon",
            "country": "PT",
            "tier": "C",
            "verified": "on",
            "focus_tags-TOTAL_FORMS": "0",
            "focus_tags-INITIAL_FORMS": "0",
        },
    )

    festival.refresh_from_db()
    assert festival.verified is False
