"""Buyers' shortlists: create, rename, add and remove films, export and print."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.csv import csv_lines
from core.display import format_cell_list
from core.pages import ask_first, bad_request, bound, form_errors_from, safe_next
from films import forms, selectors, services
from films.enums import FilmType, RightsMedia
from films.views.common import film_or_404, require_buyer, shortlist_or_404

SHORTLIST_DELETE_CONSEQUENCE = gettext_lazy(
    "The list is deleted for good, with its order; the films stay in the catalogue."
)


@login_required
@require_http_methods(["GET", "POST"])
def shortlist_list(request: HttpRequest) -> HttpResponse:
    require_buyer(request)
    form = forms.ShortlistNameForm(bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            shortlist = services.shortlist_create(owner=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The list “%(name)s” has been created.") % {"name": shortlist.name})
            return redirect("films:shortlist_detail", pk=shortlist.pk)
    return render(
        request,
        "films/shortlist_list.html",
        {"form": form, "shortlists": selectors.shortlist_list_with_counts(user=request.user)},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def shortlist_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A shortlist's films; a POST renames the list."""
    shortlist = shortlist_or_404(request, pk)
    form = forms.ShortlistNameForm(bound(request), initial={"name": shortlist.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.shortlist_rename(shortlist=shortlist, actor=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The list has been renamed."))
            return redirect("films:shortlist_detail", pk=shortlist.pk)
    films = list(selectors.film_list_with_cards(selectors.shortlist_films(shortlist=shortlist)))
    return render(
        request,
        "films/shortlist_detail.html",
        {
            "shortlist": shortlist,
            "form": form,
            "films": films,
            "delete_consequence": SHORTLIST_DELETE_CONSEQUENCE,
            "media_choices": RightsMedia.choices,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def shortlist_delete(request: HttpRequest, pk: int) -> HttpResponse:
    shortlist = shortlist_or_404(request, pk)
    question = ask_first(
        request,
        title=_("Delete this list?"),
        subject=shortlist.name,
        consequence=str(SHORTLIST_DELETE_CONSEQUENCE),
        button=_("Delete this list"),
        back=reverse("films:shortlist_detail", args=[shortlist.pk]),
    )
    if question is not None:
        return question
    services.shortlist_delete(shortlist=shortlist, actor=request.user)
    messages.success(request, _("The list “%(name)s” has been deleted.") % {"name": shortlist.name})
    return redirect("films:shortlist_list")


@login_required
@require_POST
def shortlist_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a film on one of the buyer's lists: a chosen one, a new one, or their default list."""
    film = film_or_404(request, pk)
    require_buyer(request)
    back = safe_next(request, reverse("films:film_detail", args=[film.pk]))
    form = forms.ShortlistAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The request was incomplete."))
        return redirect(back)
    try:
        with transaction.atomic():
            if form.cleaned_data["shortlist"]:
                shortlist = shortlist_or_404(request, form.cleaned_data["shortlist"])
            else:
                name = form.cleaned_data["new_name"].strip() or _("My shortlist")
                shortlist = selectors.shortlist_list_for_user(user=request.user).filter(name__iexact=name).first()
                if shortlist is None:
                    shortlist = services.shortlist_create(owner=request.user, name=name)
            services.shortlist_add_film(shortlist=shortlist, actor=request.user, film=film)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return redirect(back)
    messages.success(request, _("“%(title)s” is on your list “%(name)s”.") % {"title": film, "name": shortlist.name})
    return redirect(back)


@login_required
@require_POST
def shortlist_remove(request: HttpRequest, pk: int, film_pk: int) -> HttpResponse:
    shortlist = shortlist_or_404(request, pk)
    film = selectors.shortlist_film_get(shortlist=shortlist, film_id=film_pk)
    if film is None:
        raise Http404
    services.shortlist_remove_film(shortlist=shortlist, actor=request.user, film=film)
    messages.success(request, _("“%(title)s” is off the list “%(name)s”.") % {"title": film, "name": shortlist.name})
    return redirect(safe_next(request, reverse("films:shortlist_detail", args=[shortlist.pk])))


EXPORT_COLUMNS = [
    "title_original",
    "title_en",
    "year",
    "runtime",
    "type",
    "genres",
    "directors",
    "sales_contact",
    "film_url",
    "rights_territory",
    "rights_media",
    "availability",
]


def _export_media(request: HttpRequest) -> str | None:
    """The ``media`` the export or print sheet shows availability for ("" for every media); None
    when the parameter names no media."""
    media = request.GET.get("media", "")
    return media if media in ("", *RightsMedia.values) else None


def _bad_media(request: HttpRequest, pk: int) -> HttpResponse:
    return bad_request(
        request,
        _("media: choose one of %(choices)s, or leave it out for every media.")
        % {"choices": ", ".join(RightsMedia.values)},
        back=reverse("films:shortlist_detail", args=[pk]),
    )


def availability_text(film) -> str:
    """A film's availability in the buyer's territory in words: one media's cell, or every listed
    media's ("Theatrical: Available; SVOD: Not available")."""
    availability = getattr(film, "availability", None)
    if availability is None:
        return ""
    if len(availability.cells) == 1:
        cell = availability.cells[0][1]
        return cell.describe() if cell else _("Not listed")
    listed = [f"{RightsMedia(medium).label}: {cell.describe()}" for medium, cell in availability.cells if cell]
    return "; ".join(listed) or _("Not listed")


@login_required
@require_GET
def shortlist_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The list as CSV. The full record's columns are filled only for films the user may see in
    full at this moment (a suspended buyer gets titles, years and links). The last columns give
    each film's availability in the buyer company's own country, for ``?media=`` (every media
    when not given), as films.selectors.right_project lets the buyer see it."""
    shortlist = shortlist_or_404(request, pk)
    media = _export_media(request)
    if media is None:
        return _bad_media(request, shortlist.pk)
    films = selectors.shortlist_sheets(shortlist=shortlist, user=request.user, media=media)
    base = request.build_absolute_uri("/")[:-1]
    # The rows are written as the response streams, after the view returns: names and lists are
    # fixed here in the requester's language.
    language = get_language()
    type_names = {code: str(label) for code, label in FilmType.choices}

    def rows():
        yield EXPORT_COLUMNS
        for film in films:
            with translation.override(language):
                availability = availability_text(film)
            yield [
                film.title_original,
                film.title_en,
                film.production_year or "",
                film.runtime_minutes or "",
                type_names.get(film.film_type, film.film_type),
                format_cell_list((genre.display_name(language) for genre in film.genres.all()), language=language),
                "; ".join(f"{c.name} ({c.name_latin})" if c.name_latin else c.name for c in film.directors)
                if film.full
                else "",
                film.sales_contact,
                base + reverse("films:film_detail", args=[film.pk]),
                film.availability.territory if film.availability else "",
                (media or "all") if film.availability else "",
                availability,
            ]

    filename = f"shortlist-{shortlist.pk}.csv"
    return StreamingHttpResponse(
        csv_lines(rows()),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@login_required
@require_GET
def shortlist_print(request: HttpRequest, pk: int) -> HttpResponse:
    shortlist = shortlist_or_404(request, pk)
    media = _export_media(request)
    if media is None:
        return _bad_media(request, shortlist.pk)
    films = selectors.shortlist_sheets(shortlist=shortlist, user=request.user, media=media)
    return render(
        request,
        "films/shortlist_print.html",
        {
            "shortlist": shortlist,
            "films": films,
            "media_label": RightsMedia(media).label if media else "",
            "media_choices": RightsMedia.choices,
        },
    )
