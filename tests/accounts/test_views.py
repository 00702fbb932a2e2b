import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Organization, User
from core.models import AuditEvent
from tests.factories import PASSWORD, BuyerOrganizationFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db

BUYER_FORM = {
    "full_name": "Camille Martin",
    "email": "camille@distrib.test",
    "password": PASSWORD,
    "password_confirm": PASSWORD,
    "company_name": "Films du Quai",
    "buyer_type": "distributor",
    "country": "FR",
    "city": "Paris",
    "website": "https://quai.test",
}

PRODUCER_FORM = {
    "full_name": "Chen Jing",
    "email": "chen@redlantern.test",
    "password": PASSWORD,
    "password_confirm": PASSWORD,
    "company_name": "Red Lantern Films",
    "company_kind": "production_company",
    "country": "CN",
    "registration_number": "91110105MA01ABCD2X",
}


def login(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


# --- Sign-up, login, password ----------------------------------------------------------


def test_buyer_sign_up_logs_in_and_shows_the_pending_notice(client, agency_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/buyer/", BUYER_FORM, follow=True)

    assert response.redirect_chain == [("/dashboard/", 302)]
    assert "Your company is awaiting verification" in response.content.decode()
    assert Organization.objects.get(name="Films du Quai").verification_status == "pending"
    assert [m.to for m in mail.outbox] == [[agency_admin.email]]


def test_producer_sign_up_lands_on_the_dashboard_as_owner_awaiting_verification(client):
    response = client.post("/accounts/signup/producer/", PRODUCER_FORM, follow=True)

    html = response.content.decode()
    assert response.redirect_chain == [("/dashboard/", 302)]
    assert "Red Lantern Films is awaiting verification" in html
    assert "upload its business licence" in html
    assert Organization.objects.get(name="Red Lantern Films").verification_status == "pending"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": "taken@example.test"}, "email"),
        ({"password": "password", "password_confirm": "password"}, "password"),
        ({"password_confirm": "Something-Else-12"}, "password_confirm"),
        ({"country": "XX"}, "country"),
        ({"buyer_type": "pirate"}, "buyer_type"),
        ({"website": "not a url"}, "website"),
        ({"company_name": ""}, "company_name"),
    ],
)
def test_bad_buyer_sign_up_answers_400_with_the_field_and_saves_nothing(client, change, field):
    UserFactory(email="taken@example.test")

    response = client.post("/accounts/signup/buyer/", {**BUYER_FORM, **change})

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert User.objects.count() == 1
    assert Organization.objects.count() == 0


def test_duplicate_email_in_other_case_is_refused_by_the_service(client):
    UserFactory(email="camille@distrib.test")

    response = client.post("/accounts/signup/buyer/", {**BUYER_FORM, "email": "CAMILLE@distrib.test"})

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == ["An account with this e-mail address already exists."]


def test_login_with_email_and_password(client, producer):
    response = client.post("/accounts/login/", {"username": "producer@example.test", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/dashboard/"


def test_login_with_a_wrong_password_shows_an_error(client, producer):
    response = client.post("/accounts/login/", {"username": producer.email, "password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_logout_is_a_post(client, producer):
    login(client, producer)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 302


def test_password_change(client, producer):
    login(client, producer)

    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": "Another-Good-One-7", "new_password2": "Another-Good-One-7"},
    )

    assert response.status_code == 302
    producer.refresh_from_db()
    assert producer.check_password("Another-Good-One-7")


def test_profile_saves_time_zone(client, producer):
    login(client, producer)

    response = client.post("/accounts/profile/", {"full_name": "Chen", "time_zone": "Asia/Shanghai", "language": "en"})

    assert response.status_code == 302
    producer.refresh_from_db()
    assert producer.time_zone == "Asia/Shanghai"


# --- Verification queue and organization pages, per role --------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),
        ("producer", 403),
        ("buyer", 403),
        ("pending_buyer", 403),
        ("reviewer", 403),
        ("agency_admin", 200),
    ],
)
def test_verification_queue_is_for_agency_admins(request, client, pending_org, who, status):
    if who:
        login(client, request.getfixturevalue(who))

    response = client.get("/accounts/verification/")

    assert response.status_code == status
    if status == 200:
        assert "Pending Buyers" in response.content.decode()


def test_verification_queue_query_count_does_not_grow(client, agency_admin, django_assert_num_queries):
    member_of(BuyerOrganizationFactory())
    login(client, agency_admin)
    with CaptureQueriesContext(connection) as one:
        client.get("/accounts/verification/")
    for _ in range(5):
        member_of(member_of(BuyerOrganizationFactory()).organizations.get())

    with django_assert_num_queries(len(one)):
        response = client.get("/accounts/verification/")
    assert len(response.context["organizations"]) == 6


def test_dashboard_query_count_does_not_grow_with_memberships(client, agency_admin, django_assert_num_queries):
    BuyerOrganizationFactory()
    login(client, agency_admin)
    with CaptureQueriesContext(connection) as one:
        client.get("/dashboard/")
    for _ in range(4):
        member_of(BuyerOrganizationFactory())
        BuyerOrganizationFactory(verification_status="verified")

    with django_assert_num_queries(len(one)):
        assert client.get("/dashboard/").status_code == 200


@pytest.mark.parametrize(
    ("who", "status"),
    [("pending_buyer", 200), ("buyer", 404), ("producer", 404), ("reviewer", 404), ("agency_admin", 200)],
)
def test_organization_page_per_role(request, client, pending_org, who, status):
    login(client, request.getfixturevalue(who))

    assert client.get(f"/accounts/organizations/{pending_org.pk}/").status_code == status


def test_organization_page_asks_anonymous_to_log_in(client, pending_org):
    response = client.get(f"/accounts/organizations/{pending_org.pk}/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_admin_verifies_from_the_queue_page(client, agency_admin, pending_org, pending_buyer):
    login(client, agency_admin)

    response = client.post(
        f"/accounts/organizations/{pending_org.pk}/transition/",
        {"to": "verified", "next": "/accounts/verification/"},
        follow=True,
    )

    assert response.redirect_chain == [("/accounts/verification/", 302)]
    assert "Pending Buyers is verified." in response.content.decode()
    pending_org.refresh_from_db()
    assert pending_org.verification_status == "verified"


def test_a_move_the_table_lacks_answers_the_company_page_with_the_reason(client, agency_admin, pending_org):
    login(client, agency_admin)

    response = client.post(
        f"/accounts/organizations/{pending_org.pk}/transition/", {"to": "suspended", "confirmed": "1"}
    )

    assert response.status_code == 400
    assert response.context["organization"] == pending_org
    assert response.context["transition_refused"].errors == [
        "This is “Pending” now, so it cannot become “Suspended”. Nothing was changed."
    ]
    assert "This is “Pending” now, so it cannot become “Suspended”. Nothing was changed." in response.content.decode()
    pending_org.refresh_from_db()
    assert pending_org.verification_status == "pending"
    assert AuditEvent.objects.count() == 0


def test_transition_page_ignores_an_offsite_next(client, agency_admin, pending_org):
    login(client, agency_admin)

    response = client.post(
        f"/accounts/organizations/{pending_org.pk}/transition/", {"to": "verified", "next": "https://evil.test/"}
    )

    assert response.url == f"/accounts/organizations/{pending_org.pk}/"


@pytest.mark.parametrize(("who", "status"), [("pending_buyer", 403), ("buyer", 404), ("producer", 404)])
def test_non_admins_cannot_move_verification_from_a_page(request, client, pending_org, who, status):
    login(client, request.getfixturevalue(who))

    response = client.post(f"/accounts/organizations/{pending_org.pk}/transition/", {"to": "verified"})

    assert response.status_code == status
    pending_org.refresh_from_db()
    assert pending_org.verification_status == "pending"


def test_organization_page_shows_the_timeline(client, agency_admin, pending_org):
    login(client, agency_admin)
    client.post(
        f"/accounts/organizations/{pending_org.pk}/transition/",
        {"to": "rejected", "note": "No register.", "confirmed": "1"},
    )

    html = client.get(f"/accounts/organizations/{pending_org.pk}/").content.decode()

    assert "No register." in html
    assert "<strong>Pending</strong> to <strong>Rejected</strong>" in html


def test_pages_render_for_every_role(request, client):
    for who in ("producer", "buyer", "pending_buyer", "reviewer", "agency_admin"):
        client.logout()
        login(client, request.getfixturevalue(who))
        for url in ("/", "/dashboard/", "/accounts/profile/", "/accounts/password/change/"):
            assert client.get(url).status_code == 200, (who, url)


@pytest.mark.parametrize(
    "url", ["/", "/accounts/signup/", "/accounts/signup/producer/", "/accounts/signup/buyer/", "/accounts/login/"]
)
def test_public_pages_render(client, url):
    assert client.get(url).status_code == 200


def test_owner_edits_the_company_page(client, producer, producer_org):
    login(client, producer)
    form = {"name": "Demo Pictures Ltd", "country": "CN", "city": "Beijing", "website": "https://demo.test"}

    response = client.post(f"/accounts/organizations/{producer_org.pk}/edit/", form)

    assert response.status_code == 302
    producer_org.refresh_from_db()
    assert (producer_org.name, producer_org.city) == ("Demo Pictures Ltd", "Beijing")


def test_company_edit_with_an_unknown_country_names_the_field(client, producer, producer_org):
    login(client, producer)

    response = client.post(f"/accounts/organizations/{producer_org.pk}/edit/", {"name": "X", "country": "XX"})

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["country"]
    producer_org.refresh_from_db()
    assert producer_org.name == "Demo Pictures"


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("other_producer", 404), ("buyer", 404)])
def test_only_owners_and_admins_edit_a_company(request, client, producer_org, who, status):
    user = member_of(producer_org, role="member") if who == "member" else request.getfixturevalue(who)
    login(client, user)

    assert client.get(f"/accounts/organizations/{producer_org.pk}/edit/").status_code == status
    response = client.post(f"/accounts/organizations/{producer_org.pk}/edit/", {"name": "Hijacked", "country": "CN"})
    assert response.status_code == status
    producer_org.refresh_from_db()
    assert producer_org.name == "Demo Pictures"


def test_agency_admin_may_edit_any_company(client, agency_admin, producer_org):
    login(client, agency_admin)

    assert client.get(f"/accounts/organizations/{producer_org.pk}/edit/").status_code == 200


def test_agency_admin_opens_a_company_in_the_back_office(client, agency_admin, buyer_org):
    client.force_login(agency_admin)

    response = client.get(f"/admin/accounts/organization/{buyer_org.pk}/change/")

    assert response.status_code == 200
    assert buyer_org.name in response.text
