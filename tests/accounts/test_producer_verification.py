"""Producer companies are verified by the agency, through the buyers' workflow and queue: sign-up
pending with a registration number and document, the document checked by content and served
only to the company and the agency, decisions notified, notices saying what to do next."""

import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from accounts import services
from accounts.enums import OrganizationKind, VerificationStatus
from accounts.forms import ProducerSignUpForm
from accounts.models import Organization, User
from core.models import AuditEvent
from core.workflow import TransitionError, audit_timeline
from notifications.models import Notification
from tests.factories import (
    PASSWORD,
    BuyerOrganizationFactory,
    OrganizationFactory,
    PendingProducerOrganizationFactory,
    member_of,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

SIGN_UP = {
    "email": "liu@yellowriver.test",
    "password": PASSWORD,
    "full_name": "Liu Yang",
    "company_name": "Yellow River Pictures",
    "country": "CN",
    "registration_number": "91610131MA6U000001",
}

FORM = {
    **{k: v for k, v in SIGN_UP.items() if k != "password"},
    "password": PASSWORD,
    "password_confirm": PASSWORD,
    "company_kind": "production_company",
}


def pdf_upload(name="licence.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def login(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def pending_producer_org(db):
    return PendingProducerOrganizationFactory(name="Yellow River Pictures")


@pytest.fixture
def pending_producer(pending_producer_org):
    return member_of(pending_producer_org, email="producer3@example.test")


def with_document(org) -> Organization:
    org.verification_document.save("licence.pdf", pdf_upload(), save=True)
    return org


# --- Sign-up ----------------------------------------------------------------------------


def test_producer_sign_up_is_pending_audited_and_announced_to_agency_admins(
    agency_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.producer_sign_up(**SIGN_UP, city="Xi'an", city_zh="西安", verification_document=pdf_upload())

    organization = Organization.objects.get(memberships__user=user)
    assert (organization.kind, organization.verification_status) == (OrganizationKind.PRODUCTION_COMPANY, "pending")
    assert (organization.city, organization.city_zh) == ("Xi'an", "西安")
    assert organization.verification_document.name.startswith("verification/")
    assert organization.verification_document.name.endswith(".pdf")
    with organization.verification_document.open("rb") as stored:
        assert stored.read() == PDF
    [event] = audit_timeline(obj=organization)
    assert (event.from_state, event.to_state, event.actor) == ("", "pending", user)
    [notification] = Notification.objects.all()
    assert (notification.recipient, notification.kind) == (agency_admin, "accounts.producer_signup")
    [message] = mail.outbox
    assert message.subject == "New producer company to verify: Yellow River Pictures"
    assert "Yellow River Pictures (Production company, China) signed up as a producer company" in message.body


def test_producer_sign_up_names_every_bad_field_at_once_and_saves_nothing():
    with pytest.raises(ValidationError) as exc:
        services.producer_sign_up(
            **{**SIGN_UP, "password": "short", "registration_number": " ", "country": "XX"},
            verification_document=SimpleUploadedFile("licence.pdf", b"MZ\x90\x00 not a pdf"),
        )

    assert set(exc.value.message_dict) == {"password", "registration_number", "country", "verification_document"}
    assert exc.value.message_dict["verification_document"] == ["The file is not a PDF, JPEG or PNG document."]
    assert (User.objects.count(), Organization.objects.count(), AuditEvent.objects.count()) == (0, 0, 0)


def test_sign_up_page_reports_a_short_password_and_a_differing_confirmation_together(client):
    response = client.post(
        "/accounts/signup/producer/",
        {**FORM, "password": "short", "password_confirm": "shorter", "registration_number": ""},
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"password", "password_confirm", "registration_number"}
    assert errors["password_confirm"] == ["The two passwords differ."]
    assert "This password is too short. It must contain at least 10 characters." in errors["password"]
    assert User.objects.count() == 0


def test_buyer_sign_up_page_reports_a_taken_email_with_the_password_errors(client):
    member_of(BuyerOrganizationFactory(), email="taken@example.test")

    response = client.post(
        "/accounts/signup/buyer/",
        {
            **FORM,
            "email": "Taken@example.test",
            "password": "12345678901",
            "password_confirm": "12345678902",
            "buyer_type": "distributor",
        },
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"email", "password", "password_confirm"}
    assert errors["email"] == ["An account with this e-mail address already exists."]
    assert "This password is entirely numeric." in errors["password"]


def test_sign_up_page_with_a_forged_document_names_the_field_and_saves_nothing(client):
    forged = SimpleUploadedFile(
        "licence.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )

    response = client.post("/accounts/signup/producer/", {**FORM, "verification_document": forged})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "verification_document": ["The file is not a PDF, JPEG or PNG document."]
    }
    assert User.objects.count() == 0


def test_sign_up_page_with_a_document_stores_it_and_shows_the_pending_notice(client, agency_admin):
    response = client.post("/accounts/signup/producer/", {**FORM, "verification_document": pdf_upload()}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain == [("/dashboard/", 302)]
    assert "Yellow River Pictures is awaiting verification" in html
    assert "nothing for you to do" in html
    assert Organization.objects.get(name="Yellow River Pictures").verification_document


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_producer_sign_up_country_starts_as_china_in_either_language(client, language):
    client.cookies["django_language"] = language

    response = client.get("/accounts/signup/producer/", HTTP_ACCEPT_LANGUAGE=language)

    assert response.context["form"]["country"].value() == "CN"
    assert '<option value="CN" selected>' in response.content.decode()


def test_producer_sign_up_form_keeps_the_country_chosen():
    form = ProducerSignUpForm(data={**FORM, "country": "FR"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["country"] == "FR"


# --- Documents --------------------------------------------------------------------------


def test_image_documents_are_stored_re_encoded_without_what_followed_the_image(pending_producer, pending_producer_org):
    upload = SimpleUploadedFile("licence.png", png_bytes() + b"<?php echo 1; ?>", content_type="image/png")

    services.organization_document_upload(organization=pending_producer_org, actor=pending_producer, upload=upload)

    with pending_producer_org.verification_document.open("rb") as stored:
        data = stored.read()
    assert data.startswith(b"\x89PNG")
    assert b"<?php" not in data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"%PDF-1.4 no end marker", "The file is not a PDF, JPEG or PNG document."),
        (b"GIF89a" + b"\x00" * 30, "The file is not a PDF, JPEG or PNG document."),
    ],
)
def test_bad_documents_are_refused_naming_the_field(pending_producer, pending_producer_org, data, message):
    with pytest.raises(ValidationError) as exc:
        services.organization_document_upload(
            organization=pending_producer_org, actor=pending_producer, upload=SimpleUploadedFile("x.pdf", data)
        )

    assert exc.value.message_dict == {"verification_document": [message]}
    pending_producer_org.refresh_from_db()
    assert not pending_producer_org.verification_document


def test_a_document_larger_than_10_mb_is_refused(pending_producer, pending_producer_org):
    big = SimpleUploadedFile("big.pdf", PDF[:-7] + b"0" * (10 * 1024 * 1024) + b"\n%%EOF\n")

    with pytest.raises(ValidationError) as exc:
        services.organization_document_upload(organization=pending_producer_org, actor=pending_producer, upload=big)

    assert exc.value.message_dict == {"verification_document": ["The file is larger than 10 MB."]}


def test_a_new_document_replaces_the_old_file(
    pending_producer, pending_producer_org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.organization_document_upload(
            organization=pending_producer_org, actor=pending_producer, upload=pdf_upload()
        )
    first = pending_producer_org.verification_document.name
    storage = pending_producer_org.verification_document.storage

    with django_capture_on_commit_callbacks(execute=True):
        services.organization_document_upload(
            organization=pending_producer_org, actor=pending_producer, upload=pdf_upload()
        )

    assert pending_producer_org.verification_document.name != first
    assert not storage.exists(first)
    assert storage.exists(pending_producer_org.verification_document.name)


def test_owners_of_a_verified_company_may_not_replace_its_document_but_agency_admins_may(
    producer, producer_org, agency_admin
):
    with pytest.raises(ValidationError) as exc:
        services.organization_document_upload(organization=producer_org, actor=producer, upload=pdf_upload())
    assert exc.value.message_dict == {
        "verification_document": ["The company is verified: ask the agency to change its registration details."]
    }

    services.organization_document_upload(organization=producer_org, actor=agency_admin, upload=pdf_upload())
    assert producer_org.verification_document


def test_members_who_do_not_own_the_company_may_not_upload(pending_producer_org):
    member = member_of(pending_producer_org, role="member")

    with pytest.raises(PermissionDenied):
        services.organization_document_upload(organization=pending_producer_org, actor=member, upload=pdf_upload())


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("pending_producer", 200),
        ("agency_admin", 200),
        ("producer", 404),
        ("buyer", 404),
        ("pending_buyer", 404),
        ("reviewer", 404),
    ],
)
def test_the_document_is_served_only_to_the_company_and_agency_admins(
    request, client, pending_producer_org, pending_producer, who, status
):
    with_document(pending_producer_org)
    login(client, request.getfixturevalue(who))

    response = client.get(f"/accounts/organizations/{pending_producer_org.pk}/document/")

    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="registration-{pending_producer_org.pk}.pdf"'
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content) == PDF


def test_the_document_page_sends_anonymous_visitors_to_sign_in(client, pending_producer_org):
    with_document(pending_producer_org)

    response = client.get(f"/accounts/organizations/{pending_producer_org.pk}/document/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_company_without_a_document_answers_404(client, pending_producer):
    login(client, pending_producer)

    org = pending_producer.organizations.get()
    assert client.get(f"/accounts/organizations/{org.pk}/document/").status_code == 404


# --- The workflow -----------------------------------------------------------------------


def test_verifying_a_producer_needs_its_registration_number_and_document(agency_admin):
    org = PendingProducerOrganizationFactory(registration_number="")

    with pytest.raises(TransitionError) as exc:
        services.organization_transition(organization=org, to="verified", actor=agency_admin)

    assert exc.value.message_dict == {
        "to": [
            "The company has not given its business registration number.",
            "The company has not uploaded its registration document.",
        ]
    }
    org.refresh_from_db()
    assert org.verification_status == "pending"


def test_agency_admin_verifies_a_producer_audited_and_notified_in_producer_words(
    agency_admin, pending_producer_org, pending_producer, django_capture_on_commit_callbacks
):
    with_document(pending_producer_org)

    with django_capture_on_commit_callbacks(execute=True):
        services.organization_transition(
            organization=pending_producer_org, to="verified", actor=agency_admin, note="Licence checked."
        )

    pending_producer_org.refresh_from_db()
    assert pending_producer_org.verification_status == "verified"
    [event] = audit_timeline(obj=pending_producer_org)
    assert (event.from_state, event.to_state, event.note) == ("pending", "verified", "Licence checked.")
    [message] = mail.outbox
    assert message.to == [pending_producer.email]
    assert message.subject == "Yellow River Pictures is verified on the Go-Global Film Portal"
    assert "verified producer company" in message.body
    assert "Licence checked." in message.body


@pytest.mark.parametrize(
    ("path", "sentence"),
    [
        (["rejected"], "could not verify Yellow River Pictures as a producer company"),
        (["verified", "suspended"], "Until it is reinstated, your films cannot go to review or to festivals."),
    ],
)
def test_rejecting_or_suspending_a_producer_tells_its_members_what_it_means(
    agency_admin, pending_producer_org, pending_producer, django_capture_on_commit_callbacks, path, sentence
):
    with_document(pending_producer_org)

    with django_capture_on_commit_callbacks(execute=True):
        for step in path:
            services.organization_transition(
                organization=pending_producer_org, to=step, actor=agency_admin, note="Register does not match."
            )

    assert sentence in mail.outbox[-1].body


def test_the_agency_has_no_verification(agency_admin):
    agency = OrganizationFactory(kind=OrganizationKind.AGENCY)

    assert agency.verification_status == ""
    with pytest.raises(TransitionError) as exc:
        services.organization_transition(organization=agency, to="verified", actor=agency_admin)
    assert exc.value.message_dict == {"to": ["Only buyer and producer companies go through verification."]}


def test_producer_owners_may_not_verify_their_own_company(pending_producer, pending_producer_org):
    with_document(pending_producer_org)

    with pytest.raises(PermissionDenied):
        services.organization_transition(organization=pending_producer_org, to="verified", actor=pending_producer)


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (
            "pending",
            "Yellow River Pictures is not verified yet. The agency verifies a producer company before its films go "
            "to review or to festivals; drafts can be prepared meanwhile.",
        ),
        (
            "rejected",
            "The agency could not verify Yellow River Pictures, so its films cannot go to review or to festivals. "
            "The reason is on the company's page.",
        ),
        (
            "suspended",
            "The agency has suspended the verification of Yellow River Pictures; its films cannot go to review or "
            "to festivals until it is reinstated.",
        ),
    ],
)
def test_producer_verification_refusals_name_the_status(status, reason):
    org = PendingProducerOrganizationFactory(name="Yellow River Pictures", verification_status=status)

    assert services.producer_verification_refusals(organization=org) == [reason]


def test_verified_producers_and_buyers_are_not_refused(producer_org, pending_org):
    assert services.producer_verification_refusals(organization=producer_org) == []
    assert services.producer_verification_refusals(organization=pending_org) == []


# --- Registration details ---------------------------------------------------------------


def test_owners_change_the_registration_number_while_pending(pending_producer, pending_producer_org):
    services.organization_update(
        organization=pending_producer_org, actor=pending_producer, data={"registration_number": " 91610131MA6U999999 "}
    )

    pending_producer_org.refresh_from_db()
    assert pending_producer_org.registration_number == "91610131MA6U999999"


def test_a_pending_producer_may_not_blank_its_registration_number(pending_producer, pending_producer_org):
    with pytest.raises(ValidationError) as exc:
        services.organization_update(
            organization=pending_producer_org, actor=pending_producer, data={"registration_number": ""}
        )

    assert exc.value.message_dict == {"registration_number": ["Give the company's business registration number."]}


def test_owners_of_a_verified_company_keep_its_registration_number_as_checked(producer, producer_org, agency_admin):
    producer_org.registration_number = "91110105MA0000001X"
    producer_org.save()

    with pytest.raises(ValidationError) as exc:
        services.organization_update(
            organization=producer_org, actor=producer, data={"registration_number": "OTHER", "name": ""}
        )

    assert exc.value.message_dict == {
        "registration_number": ["The company is verified: ask the agency to change its registration details."],
        "name": ["This field cannot be blank."],
    }
    services.organization_update(organization=producer_org, actor=agency_admin, data={"registration_number": "NEW-1"})
    producer_org.refresh_from_db()
    assert producer_org.registration_number == "NEW-1"


def test_company_edit_page_uploads_the_document_and_saves_the_chinese_city(
    client, pending_producer, pending_producer_org
):
    login(client, pending_producer)

    response = client.post(
        f"/accounts/organizations/{pending_producer_org.pk}/edit/",
        {
            "name": "Yellow River Pictures",
            "country": "CN",
            "city": "Xi'an",
            "city_zh": "西安",
            "registration_number": "91610131MA6U000001",
            "verification_document": pdf_upload(),
        },
    )

    assert response.status_code == 302
    pending_producer_org.refresh_from_db()
    assert pending_producer_org.city_zh == "西安"
    assert pending_producer_org.verification_document


def test_company_edit_page_reports_every_error_at_once_and_saves_nothing(
    client, pending_producer, pending_producer_org
):
    login(client, pending_producer)

    response = client.post(
        f"/accounts/organizations/{pending_producer_org.pk}/edit/",
        {
            "name": "",
            "country": "XX",
            "website": "not a url",
            "registration_number": "",
            "verification_document": SimpleUploadedFile("x.pdf", b"plain text"),
        },
    )

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {
        "name",
        "country",
        "website",
        "registration_number",
        "verification_document",
    }
    pending_producer_org.refresh_from_db()
    assert not pending_producer_org.verification_document


def test_verified_owners_see_the_registration_number_but_cannot_change_it_on_the_page(client, producer, producer_org):
    producer_org.registration_number = "91110105MA0000001X"
    producer_org.save()
    login(client, producer)

    page = client.get(f"/accounts/organizations/{producer_org.pk}/edit/")
    assert page.context["form"].fields["registration_number"].disabled
    assert "verification_document" not in page.context["form"].fields
    response = client.post(
        f"/accounts/organizations/{producer_org.pk}/edit/",
        {"name": "Demo Pictures", "country": "CN", "registration_number": "CHANGED"},
    )

    assert response.status_code == 302
    producer_org.refresh_from_db()
    assert producer_org.registration_number == "91110105MA0000001X"


# --- Pages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "heading", "next_step"),
    [
        ("pending", "Yellow River Pictures is awaiting verification", "upload its business licence"),
        ("rejected", "Yellow River Pictures could not be verified", "contact the agency"),
        ("suspended", "The verification of Yellow River Pictures is suspended", "until the agency reinstates it"),
    ],
)
def test_dashboard_tells_an_unverified_producer_its_status_and_next_step(
    client, pending_producer, pending_producer_org, status, heading, next_step
):
    Organization.objects.filter(pk=pending_producer_org.pk).update(verification_status=status)
    login(client, pending_producer)

    html = client.get("/dashboard/").content.decode()

    assert heading in html
    assert next_step in html
    assert f'href="/accounts/organizations/{pending_producer_org.pk}/"' in html


def test_dashboard_of_a_verified_producer_has_no_notice(client, producer):
    login(client, producer)

    html = client.get("/dashboard/").content.decode()

    assert "awaiting verification" not in html
    assert "could not be verified" not in html


def test_dashboard_notice_costs_no_query_for_verified_producers(client, producer, django_assert_num_queries):
    login(client, producer)
    with CaptureQueriesContext(connection) as verified:
        client.get("/dashboard/")
    Organization.objects.filter(memberships__user=producer).update(verification_status="pending")

    with CaptureQueriesContext(connection) as pending:
        client.get("/dashboard/")

    assert len(pending) == len(verified) + 1  # the unverified company's name and details


def test_verification_queue_lists_producers_with_their_registration_details(
    client, agency_admin, pending_producer_org, pending_producer, pending_org
):
    with_document(pending_producer_org)
    login(client, agency_admin)

    response = client.get("/accounts/verification/")
    html = response.content.decode()

    # Oldest first, whatever the kind.
    assert [o.name for o in response.context["organizations"]] == ["Yellow River Pictures", "Pending Buyers"]
    assert pending_producer_org.registration_number in html
    assert f'href="/accounts/organizations/{pending_producer_org.pk}/document/"' in html
    assert [m.target for m in response.context["organizations"][0].moves] == ["verified", "rejected"]


def test_verification_queue_filters_by_kind(client, agency_admin, pending_producer_org, pending_org):
    login(client, agency_admin)

    producers = client.get("/accounts/verification/?kind=producer").context
    buyers = client.get("/accounts/verification/?kind=buyer").context
    unknown = client.get("/accounts/verification/?kind=pirate").context

    assert [o.name for o in producers["organizations"]] == ["Yellow River Pictures"]
    assert [o.name for o in buyers["organizations"]] == ["Pending Buyers"]
    assert len(unknown["organizations"]) == 2
    assert {s: n for s, _label, n in producers["tabs"]}["verified"] == 0


def test_verification_queue_shows_the_blocked_verify_with_its_reasons(client, agency_admin):
    org = PendingProducerOrganizationFactory(name="No Papers Films")
    login(client, agency_admin)

    response = client.get("/accounts/verification/?kind=producer")

    [listed] = response.context["organizations"]
    assert listed == org
    assert [(b.target, b.reasons) for b in listed.blocked] == [
        ("verified", ["The company has not uploaded its registration document."])
    ]
    assert "The company has not uploaded its registration document." in response.content.decode()


def test_verification_queue_query_count_does_not_grow_with_producers(client, agency_admin, django_assert_num_queries):
    member_of(with_document(PendingProducerOrganizationFactory()))
    login(client, agency_admin)
    with CaptureQueriesContext(connection) as one:
        client.get("/accounts/verification/")
    for _ in range(4):
        member_of(with_document(PendingProducerOrganizationFactory()))
        member_of(BuyerOrganizationFactory())

    with django_assert_num_queries(len(one)):
        response = client.get("/accounts/verification/")
    assert len(response.context["organizations"]) == 9


def test_verifying_from_the_company_page_moves_it_and_returns(client, agency_admin, pending_producer_org):
    with_document(pending_producer_org)
    login(client, agency_admin)

    response = client.post(
        f"/accounts/organizations/{pending_producer_org.pk}/transition/", {"to": "verified", "note": ""}
    )

    assert response.status_code == 302
    pending_producer_org.refresh_from_db()
    assert pending_producer_org.verification_status == VerificationStatus.VERIFIED


def test_verifying_from_the_page_without_a_document_answers_400_with_the_reason(
    client, agency_admin, pending_producer_org
):
    login(client, agency_admin)

    response = client.post(f"/accounts/organizations/{pending_producer_org.pk}/transition/", {"to": "verified"})

    assert response.status_code == 400
    assert "The company has not uploaded its registration document." in response.content.decode()
    pending_producer_org.refresh_from_db()
    assert pending_producer_org.verification_status == "pending"


def test_organization_page_shows_the_chinese_city_in_chinese(client, producer, producer_org):
    producer_org.city, producer_org.city_zh = "Beijing", "北京"
    producer_org.save()
    login(client, producer)

    english = client.get(f"/accounts/organizations/{producer_org.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.cookies["django_language"] = "zh-hans"
    chinese = client.get(f"/accounts/organizations/{producer_org.pk}/").content.decode()

    assert "Beijing" in english
    assert "北京" in chinese
    assert "Beijing" not in chinese


# --- API --------------------------------------------------------------------------------


def test_api_shows_a_pending_producer_its_status_and_registration_details(api_client, pending_producer):
    org = with_document(pending_producer.organizations.get())
    api_client.force_authenticate(pending_producer)

    body = api_client.get(f"/api/v1/organizations/{org.pk}/").json()

    assert body["status"] == "pending"
    assert body["registration_number"] == org.registration_number
    assert body["document_url"] == f"/accounts/organizations/{org.pk}/document/"
    assert body["allowed_transitions"] == []


def test_api_admin_sees_the_verify_move_blocked_until_a_document_is_there(api_client, agency_admin):
    org = PendingProducerOrganizationFactory()
    api_client.force_authenticate(agency_admin)

    body = api_client.get(f"/api/v1/organizations/{org.pk}/").json()
    refused = api_client.post(f"/api/v1/organizations/{org.pk}/transition/", {"to": "verified"}, format="json")

    assert body["allowed_transitions"] == ["rejected"]
    assert body["blocked_transitions"] == [
        {"to": "verified", "reasons": ["The company has not uploaded its registration document."]}
    ]
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"to": ["The company has not uploaded its registration document."]}


def test_api_owner_uploads_the_document_then_the_admin_verifies(api_client, pending_producer, agency_admin):
    org = pending_producer.organizations.get()
    api_client.force_authenticate(pending_producer)

    uploaded = api_client.post(f"/api/v1/organizations/{org.pk}/document/", {"file": pdf_upload()}, format="multipart")
    api_client.force_authenticate(agency_admin)
    verified = api_client.post(f"/api/v1/organizations/{org.pk}/transition/", {"to": "verified"}, format="json")

    assert uploaded.status_code == 200
    assert uploaded.json()["document_url"] == f"/accounts/organizations/{org.pk}/document/"
    assert verified.status_code == 200
    assert verified.json()["status"] == "verified"


def test_api_refuses_a_forged_document_naming_the_file(api_client, pending_producer):
    org = pending_producer.organizations.get()
    api_client.force_authenticate(pending_producer)

    response = api_client.post(
        f"/api/v1/organizations/{org.pk}/document/",
        {"file": SimpleUploadedFile("x.pdf", b"not a document")},
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"file": ["The file is not a PDF, JPEG or PNG document."]}


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_producer", 404), ("buyer", 404), ("pending_buyer", 404), ("reviewer", 404), ("anonymous", 401)],
)
def test_api_document_upload_is_for_the_company(request, api_client, pending_producer_org, who, status):
    if who != "anonymous":
        api_client.force_authenticate(request.getfixturevalue(who))

    response = api_client.post(
        f"/api/v1/organizations/{pending_producer_org.pk}/document/", {"file": pdf_upload()}, format="multipart"
    )

    assert response.status_code == status
    pending_producer_org.refresh_from_db()
    assert not pending_producer_org.verification_document


def test_api_agency_admin_uploads_for_any_company(api_client, agency_admin, pending_producer_org):
    api_client.force_authenticate(agency_admin)

    response = api_client.post(
        f"/api/v1/organizations/{pending_producer_org.pk}/document/", {"file": pdf_upload()}, format="multipart"
    )

    assert response.status_code == 200
    pending_producer_org.refresh_from_db()
    assert pending_producer_org.verification_document


def test_api_member_who_is_not_an_owner_gets_403(api_client, pending_producer_org):
    member = member_of(pending_producer_org, role="member")
    api_client.force_authenticate(member)

    response = api_client.post(
        f"/api/v1/organizations/{pending_producer_org.pk}/document/", {"file": pdf_upload()}, format="multipart"
    )

    assert response.status_code == 403


def test_api_city_zh_is_editable_and_a_verified_owner_cannot_change_the_registration_number(
    api_client, producer, producer_org
):
    api_client.force_authenticate(producer)

    changed = api_client.patch(f"/api/v1/organizations/{producer_org.pk}/", {"city_zh": "北京"}, format="json")
    refused = api_client.patch(
        f"/api/v1/organizations/{producer_org.pk}/", {"registration_number": "X-1"}, format="json"
    )

    assert (changed.status_code, changed.json()["city_zh"]) == (200, "北京")
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "registration_number": ["The company is verified: ask the agency to change its registration details."]
    }


def test_api_filters_organizations_by_status_across_kinds(api_client, agency_admin, pending_producer_org, pending_org):
    api_client.force_authenticate(agency_admin)

    body = api_client.get("/api/v1/organizations/?status=pending").json()

    assert sorted(o["name"] for o in body["results"]) == ["Pending Buyers", "Yellow River Pictures"]
