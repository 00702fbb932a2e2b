"""Producer companies from before producers were verified are not locked out: the migration that
brings producer verification marks them verified, and leaves buyer companies as they were."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0001_initial")]
AFTER = [("accounts", "0002_producer_verification")]


@pytest.fixture(autouse=True)
def _latest_schema_afterwards(transactional_db):
    """Moving accounts back to 0001 also unapplies every migration that depends on a later one
    (markets' participation tables, say): put the whole schema back before the next test."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_producer_companies_become_verified_and_buyers_keep_their_status():
    old = _migrate(BEFORE)
    Organization = old.get_model("accounts", "Organization")
    Organization.objects.create(name="Old Pictures", kind="production_company", country="CN")
    Organization.objects.create(name="Old Sales", kind="sales_agent", country="CN")
    Organization.objects.create(name="Agency", kind="agency", country="CN")
    Organization.objects.create(
        name="Waiting Buyer",
        kind="buyer_company",
        buyer_type="distributor",
        country="FR",
        verification_status="pending",
    )

    new = _migrate(AFTER)

    statuses = dict(new.get_model("accounts", "Organization").objects.values_list("name", "verification_status"))
    assert statuses == {
        "Old Pictures": "verified",
        "Old Sales": "verified",
        "Agency": "",
        "Waiting Buyer": "pending",
    }


@pytest.mark.django_db(transaction=True)
def test_the_migration_can_be_undone():
    _migrate(BEFORE)
    new = _migrate(AFTER)
    new.get_model("accounts", "Organization").objects.create(
        name="New Pictures", kind="production_company", country="CN", verification_status="pending"
    )

    old = _migrate(BEFORE)

    assert list(old.get_model("accounts", "Organization").objects.values_list("name", "verification_status")) == [
        ("New Pictures", "")
    ]
    _migrate(AFTER)
