"""Programmes are kept by agency admins through the services: every refusal named by field,
nothing saved."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.money import Money
from support.enums import ApplicationStatus
from support.models import Criterion, Programme
from support.services import programme_create, programme_update
from tests.support.factories import ApplicationFactory, CriterionFactory, ProgrammeFactory, ReviewFactory, cny, scored
from tests.support.programmes_helpers import programme_data, rubric_data

pytestmark = pytest.mark.django_db


def _refused(actor, data=None, criteria=None, **changes) -> dict:
    with pytest.raises(ValidationError) as refused:
        programme_create(actor=actor, data=data or programme_data(**changes), criteria=criteria)
    assert not Programme.objects.exists()
    return refused.value.message_dict


def test_an_admin_creates_a_programme_with_its_rubric_on_its_own_clock(agency_admin):
    programme = programme_create(actor=agency_admin, data=programme_data(), criteria=rubric_data(3, 2))

    opens = timezone.localdate() + timedelta(days=7)
    assert programme.opens_at == datetime(opens.year, opens.month, opens.day, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert programme.budget == cny(1_000_000)
    assert [(c.name_en, c.weight, c.position) for c in programme.criteria.all()] == [
        ("Criterion 1", 3, 0),
        ("Criterion 2", 2, 1),
    ]


@pytest.mark.parametrize("who", ["producer", "reviewer", "buyer"])
def test_only_agency_admins_create(request, who):
    with pytest.raises(PermissionDenied):
        programme_create(actor=request.getfixturevalue(who), data=programme_data(), criteria=rubric_data())
    assert not Programme.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "holiday"}, "kind"),
        ({"kind": None}, "kind"),
        ({"year": 1999}, "year"),
        ({"year": "soon"}, "year"),
        ({"title_en": ""}, "title_en"),
        ({"title_en": "A\x00B"}, "title_en"),
        ({"title_zh": "长" * 201}, "title_zh"),
        ({"summary_en": "x\x00"}, "summary_en"),
        ({"budget": None}, "budget"),
        ({"budget": Money(-5, "CNY")}, "budget"),
        ({"budget": cny(0)}, "budget"),
        ({"budget": Money(1000, "EUR"), "max_grant": Money(100, "EUR")}, "budget"),
        ({"budget": Money("1.001", "CNY")}, "budget"),
        ({"max_grant": cny(1_000_001)}, "max_grant"),
        ({"max_grant": Money(100, "USD")}, "max_grant"),
        ({"max_grant": "100"}, "max_grant"),
        ({"opens_at": "next week"}, "opens_at"),
        ({"closes_at": None}, "closes_at"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"time_zone": "Asia/Shanghai\x00"}, "time_zone"),
        ({"min_festival_tier": "Z"}, "min_festival_tier"),
        ({"required_documents": ["budget", "passport"]}, "required_documents"),
        ({"required_documents": ["budget", "budget"]}, "required_documents"),
        ({"required_documents": "budget"}, "required_documents"),
        ({"report_days": 0}, "report_days"),
        ({"report_days": 731}, "report_days"),
        ({"published": "yes"}, "published"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_each_bad_field_is_named_and_nothing_saved(agency_admin, changes, field):
    assert field in _refused(agency_admin, criteria=rubric_data(), **changes)


def test_the_call_closes_after_it_opens(agency_admin):
    errors = _refused(agency_admin, criteria=rubric_data(), closes_at=programme_data()["opens_at"])
    assert errors["closes_at"] == ["The call must close after it opens."]


@pytest.mark.parametrize("weight", [0, 101, "3", True])
def test_a_weight_outside_1_to_100_is_refused(agency_admin, weight):
    errors = _refused(agency_admin, criteria=rubric_data(3, weight))
    assert any("Criterion 2, weight" in message for message in errors["criteria"])


def test_a_criterion_needs_an_english_name(agency_admin):
    errors = _refused(agency_admin, criteria=[{"name_en": "", "weight": 1}])
    assert any("Criterion 1, name_en" in message for message in errors["criteria"])


def test_publishing_needs_a_rubric(agency_admin):
    assert "published" in _refused(agency_admin, criteria=[])
    programme = programme_create(actor=agency_admin, data=programme_data(published=False), criteria=[])
    assert not programme.published


def test_many_errors_at_once(agency_admin):
    errors = _refused(agency_admin, criteria=rubric_data(), year=3000, time_zone="Nowhere", budget=None)
    assert {"year", "time_zone", "budget"} <= set(errors)


def test_an_aware_moment_is_kept_as_given(agency_admin):
    moment = timezone.now() + timedelta(days=3)
    programme = programme_create(actor=agency_admin, data=programme_data(opens_at=moment), criteria=rubric_data())
    assert programme.opens_at == moment


def test_update_changes_the_fields_given_and_replaces_the_rubric(agency_admin):
    programme = ProgrammeFactory()
    kept = CriterionFactory(programme=programme, name_en="Kept", weight=1)
    CriterionFactory(programme=programme, name_en="Dropped")

    programme_update(
        programme=programme,
        actor=agency_admin,
        data={"title_en": "Renamed", "max_grant": cny(50_000)},
        criteria=[{"id": kept.pk, "name_en": "Kept", "weight": 5}, {"name_en": "New", "weight": 2}],
    )

    programme.refresh_from_db()
    assert programme.title_en == "Renamed"
    assert programme.max_grant == cny(50_000)
    assert [(c.pk == kept.pk, c.name_en, c.weight) for c in programme.criteria.all()] == [
        (True, "Kept", 5),
        (False, "New", 2),
    ]


def test_update_refuses_and_keeps_everything(agency_admin, producer):
    programme = ProgrammeFactory(title_en="Before")
    CriterionFactory(programme=programme)
    with pytest.raises(PermissionDenied):
        programme_update(programme=programme, actor=producer, data={"title_en": "After"})
    with pytest.raises(ValidationError) as refused:
        programme_update(programme=programme, actor=agency_admin, data={"title_en": "After", "max_grant": cny(2e6)})
    assert "max_grant" in refused.value.message_dict
    programme.refresh_from_db()
    assert programme.title_en == "Before"


def test_the_budget_never_falls_below_what_is_granted(agency_admin):
    programme = ProgrammeFactory()
    ApplicationFactory(programme=programme, status=ApplicationStatus.APPROVED, granted=cny(50_000))
    with pytest.raises(ValidationError) as refused:
        programme_update(programme=programme, actor=agency_admin, data={"budget": cny(40_000), "max_grant": cny(1)})
    assert "budget" in refused.value.message_dict


def test_a_scored_criterion_cannot_be_removed(agency_admin):
    programme = ProgrammeFactory()
    criterion = CriterionFactory(programme=programme, name_en="Scored")
    scored(ReviewFactory(application__programme=programme), {criterion: 4})
    with pytest.raises(ValidationError) as refused:
        programme_update(programme=programme, actor=agency_admin, data={}, criteria=[{"name_en": "Other", "weight": 1}])
    assert "criteria" in refused.value.message_dict
    assert list(Criterion.objects.filter(programme=programme).values_list("name_en", flat=True)) == ["Scored"]


def test_unpublishing_a_programme_without_rubric_is_allowed(agency_admin):
    programme = ProgrammeFactory()
    programme_update(programme=programme, actor=agency_admin, data={"published": False})
    programme.refresh_from_db()
    assert not programme.published
    with pytest.raises(ValidationError) as refused:
        programme_update(programme=programme, actor=agency_admin, data={"published": True})
    assert "published" in refused.value.message_dict
