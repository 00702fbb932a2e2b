"""The films in the agency's back office: to find and read every film, its credits, images and
rights, and to keep the genre list. Films are written by their producers (pages, API, CSV
import) and move through listing review only, so here they are read-only."""

from django.contrib import admin
from django.db import models
from rules.contrib.admin import ObjectPermissionsModelAdmin

from films.models import Credit, Film, FilmImage, FilmRight, Genre


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class CreditInline(_ReadOnlyInline):
    model = Credit
    fields = ("role", "name", "name_latin", "character", "order")


class FilmImageInline(_ReadOnlyInline):
    model = FilmImage
    fields = ("kind", "original", "width", "height", "caption")


class FilmRightInline(_ReadOnlyInline):
    model = FilmRight
    fields = ("territory", "media", "status", "holder", "holder_organization", "term_start", "term_end")
    classes = ("collapse",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("holder_organization")


@admin.register(Film)
class FilmAdmin(ObjectPermissionsModelAdmin):
    list_display = ("title_en", "title_original", "organization", "listing_status", "production_year", "updated_at")
    list_filter = ("listing_status", "film_type", "completion_status", "genres")
    search_fields = ("title_en", "title_original", "organization__name", "credits__name")
    list_select_related = ("organization",)
    date_hierarchy = "updated_at"
    inlines = [CreditInline, FilmImageInline, FilmRightInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # links are https only

    def has_add_permission(self, request) -> bool:
        return False  # films are registered through services (audited), not here

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # the producer's record; listing moves only through review

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Genre)
class GenreAdmin(ObjectPermissionsModelAdmin):
    list_display = ("slug", "name_en", "name_zh")
    search_fields = ("slug", "name_en", "name_zh")
