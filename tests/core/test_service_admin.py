"""ServiceModelAdmin: a back-office page that cannot save through a service does not start."""

from django.contrib import admin

from core.admin import ServiceModelAdmin
from festivals.models import Festival


def test_an_admin_without_its_service_save_fails_the_system_check():
    class Incomplete(ServiceModelAdmin):
        pass

    errors = Incomplete(Festival, admin.AdminSite()).check()

    assert [e.id for e in errors] == ["core.E001"]


def test_an_admin_with_its_service_save_passes_the_system_check():
    class Complete(ServiceModelAdmin):
        def save_through_services(self, request, form, formsets, change):
            return form.instance

    assert Complete(Festival, admin.AdminSite()).check() == []
