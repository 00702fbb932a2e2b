"""Films pages: producers' films and their forms, rights and media, the review queue, the
catalogue and film page, buyers' shortlists and the bulk import.

Views parse input, check permission on the object, call one service or selector and render.
An object the user may not see answers 404; an action not allowed on a visible object 403.
"""

import csv
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.pages import TransitionForm
from core.pages import bound as _bound
from core.pages import form_errors_from as _form_errors_from
from core.pages import safe_next as _safe_next
from core.workflow import audit_timeline
from films import forms, selectors, services
from films.enums import LISTING_TRANSITIONS, ImageKind, ListingStatus, RightsMedia
from films.filters import CatalogueFilter
from films.models import Film, FilmLanguage, Shortlist
from films.panels import film_panels

CATALOGUE_PAGE_SIZE = 24
LIST_PAGE_SIZE = 50
# Listing states a producer works on before (re)submitting; the missing-items hint shows for these.
EDITABLE_STATES = (ListingStatus.DRAFT, ListingStatus.CHANGES_REQUESTED, ListingStatus.WITHDRAWN)


# --- Helpers ---------------------------------------------------------------------------


def _film_or_404(request: HttpRequest, pk: int) -> Film:
    film = selectors.film_get_for_page(user=request.user, pk=pk)
    if film is None:
        raise Http404
    return film


def _editable_film(request: HttpRequest, pk: int) -> Film:
    film = _film_or_404(request, pk)
    if not request.user.has_perm("films.change_film", film):
        raise PermissionDenied
    return film


def _moves(request: HttpRequest, film: Film):
    return LISTING_TRANSITIONS.allowed_for(obj=film, user=request.user, field="listing_status")


def _require_buyer(request: HttpRequest) -> None:
    if not request.user.has_perm("films.add_shortlist"):
        raise PermissionDenied


def _shortlist_or_404(request: HttpRequest, pk: int) -> Shortlist:
    shortlist = selectors.shortlist_list_for_user(user=request.user).filter(pk=pk).first()
    if shortlist is None:
        raise Http404
    return shortlist


# --- Producers: my films, create, edit ----------------------------------------------------


@login_required
@require_GET
def my_films(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("films.add_film"):
        raise PermissionDenied
    queryset = selectors.film_list_with_cards(
        selectors.film_list_with_review_facts(selectors.film_list_of_user_organizations(user=request.user))
    )
    page = Paginator(queryset, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    for film in page:
        film.missing = (
            services.film_missing_from_facts(
                film=film,
                has_poster=film.review_has_poster,
                has_director=film.review_has_director,
                has_rights=film.review_has_rights,
            )
            if film.listing_status in EDITABLE_STATES
            else []
        )
        film.moves = _moves(request, film)
    owners = list(selectors.organization_list_film_owners(user=request.user))
    return render(
        request,
        "films/my_films.html",
        {"page": page, "films": list(page), "can_register": bool(owners), "several_companies": len(owners) > 1},
    )


def _film_form_page(request: HttpRequest, *, film: Film | None) -> HttpResponse:
    if film is None:
        owners = selectors.organization_list_film_owners(user=request.user)
        owner_list = list(owners)
        if not owner_list or not request.user.has_perm("films.add_film"):
            raise PermissionDenied
        form = forms.FilmForm(
            _bound(request), organizations=owners if len(owner_list) > 1 else None, language=get_language()
        )
        credits = forms.CreditFormSet(_bound(request), prefix="credits")
    else:
        form = forms.FilmForm(_bound(request), initial=forms.film_initial(film), language=get_language())
        credits = forms.CreditFormSet(
            _bound(request),
            prefix="credits",
            initial=[
                {"role": c.role, "name": c.name, "name_latin": c.name_latin, "character": c.character}
                for c in film.credits.all()
            ],
        )
    credit_errors: list[str] = []
    if request.method == "POST":
        form_ok = form.is_valid()
        if credits.is_valid() and form_ok:
            data = form.service_data(forms.credit_rows(credits))
            try:
                if film is None:
                    organization = form.cleaned_data.get("organization") or owner_list[0]
                    saved = services.film_create(organization=organization, actor=request.user, data=data)
                else:
                    saved = services.film_update(film=film, actor=request.user, data=data)
            except ValidationError as exc:
                errors = exc.message_dict
                credit_errors = errors.pop("credits", [])
                _form_errors_from(form, ValidationError(errors))
            else:
                if film is None:
                    messages.success(
                        request,
                        _("“%(title)s” is registered as a draft. Add a poster and rights, then submit it for review.")
                        % {"title": saved},
                    )
                else:
                    messages.success(request, _("The film's details have been saved."))
                return redirect("films:film_detail", pk=saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "films/film_form.html",
        {"film": film, "form": form, "credits": credits, "credit_errors": credit_errors},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def film_create(request: HttpRequest) -> HttpResponse:
    return _film_form_page(request, film=None)


@login_required
@require_http_methods(["GET", "POST"])
def film_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _film_form_page(request, film=_editable_film(request, pk))


# --- Rights --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def film_rights(request: HttpRequest, pk: int) -> HttpResponse:
    film = _editable_film(request, pk)
    groups = selectors.film_rights_summary(film=film)
    initial = forms.rights_initial([row for group in groups for row in group.rows()])
    action = request.POST.get("action", "rows") if request.method == "POST" else ""
    formset = forms.RightsFormSet(request.POST if action == "rows" else None, prefix="rights", initial=initial)
    quick = forms.QuickRightsForm(request.POST if action == "quick" else None, prefix="quick")
    errors: list[str] = []
    numbers = {index: index + 1 for index in range(len(initial))}
    if action == "rows":
        valid = formset.is_valid()
        numbers = forms.rights_row_numbers(formset)
        if valid:
            try:
                count = services.film_rights_replace(film=film, actor=request.user, rows=forms.rights_rows(formset))
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("The rights have been saved (%(count)s cells).") % {"count": count})
                return redirect("films:film_rights", pk=film.pk)
    elif action == "quick":
        if quick.is_valid():
            rows = services.rights_quick_rows(action="worldwide_available", exclude=quick.cleaned_data["excluded"])
            try:
                count = services.film_rights_replace(film=film, actor=request.user, rows=rows)
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("The rights have been saved (%(count)s cells).") % {"count": count})
                return redirect("films:film_rights", pk=film.pk)
    elif request.method == "POST":
        errors = [_("Unknown action.")]
    for index, form in enumerate(formset.forms):
        form.row_number = numbers.get(index)
    return render(
        request,
        "films/film_rights.html",
        {
            "film": film,
            "groups": groups,
            "media": RightsMedia.choices,
            "formset": formset,
            "quick": quick,
            "errors": errors,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- Media -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def film_media(request: HttpRequest, pk: int) -> HttpResponse:
    film = _editable_film(request, pk)
    form = forms.ImageForm(_bound(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.film_image_add(
                film=film,
                actor=request.user,
                upload=form.cleaned_data["image"],
                kind=form.cleaned_data["kind"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("The image has been added."))
            return redirect("films:film_media", pk=film.pk)
    images = list(film.images.all())
    return render(
        request,
        "films/film_media.html",
        {
            "film": film,
            "form": form,
            "posters": [i for i in images if i.kind == ImageKind.POSTER],
            "stills": [i for i in images if i.kind == ImageKind.STILL],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def film_image_delete(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    film = _editable_film(request, pk)
    image = selectors.film_image_get(film=film, image_id=image_pk)
    if image is None:
        raise Http404
    services.film_image_delete(image=image, actor=request.user)
    messages.success(request, _("The image has been deleted."))
    return redirect("films:film_media", pk=film.pk)


# --- Listing moves and review ------------------------------------------------------------


@login_required
@require_POST
def film_transition(request: HttpRequest, pk: int) -> HttpResponse:
    film = _film_or_404(request, pk)
    if not (request.user.has_perm("films.change_film", film) or request.user.has_perm("films.review_film", film)):
        raise PermissionDenied
    back = _safe_next(request, reverse("films:film_detail", args=[film.pk]))
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The request was incomplete."))
        return redirect(back)
    try:
        services.film_transition(
            film=film, to=form.cleaned_data["to"], actor=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return redirect(back)
    messages.success(
        request,
        _("“%(title)s” is now %(status)s.") % {"title": film, "status": film.get_listing_status_display().lower()},
    )
    return redirect(back)


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("films.review_film"):
        raise PermissionDenied
    page = Paginator(selectors.film_list_with_cards(selectors.film_list_for_review()), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for film in page:
        film.moves = _moves(request, film)
    return render(request, "films/review_queue.html", {"page": page, "films": list(page)})


# --- Catalogue and film page -------------------------------------------------------------


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    filterset = CatalogueFilter(request.GET, queryset=selectors.film_list_published())
    forms.catalogue_widgets(filterset.form, language=get_language())
    page = None
    if filterset.is_valid():
        page = Paginator(selectors.film_list_with_cards(filterset.qs), CATALOGUE_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    shortlists = (
        list(selectors.shortlist_list_for_user(user=request.user))
        if request.user.has_perm("films.add_shortlist")
        else None
    )
    filtered = any(value for key, value in request.GET.items() if key not in ("page", "sort"))
    return render(
        request,
        "films/catalogue.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page": page,
            "films": list(page) if page else [],
            "shortlists": shortlists,
            "filtered": filtered,
        },
        status=200 if page is not None else 400,
    )


@require_GET
def film_detail(request: HttpRequest, pk: int) -> HttpResponse:
    film = _film_or_404(request, pk)
    user = request.user
    full = user.has_perm("films.view_full_film", film)
    editor = user.has_perm("films.change_film", film)
    reviewer = user.has_perm("films.review_film", film)
    images = list(film.images.all())
    context = {
        "film": film,
        "full": full,
        "editor": editor,
        "poster": film.poster_images[0] if film.poster_images else None,
        "moves": _moves(request, film),
        "panels": film_panels(request, film),
    }
    if full:
        languages = list(film.languages.all())
        contact = selectors.film_sales_contact_email(film=film)
        subject = _("Screener request: %(title)s") % {"title": film}
        context.update(
            rights=selectors.film_rights_summary(film=film),
            media=RightsMedia.choices,
            stills=[image for image in images if image.kind == ImageKind.STILL],
            original_languages=[lang for lang in languages if lang.kind == FilmLanguage.Kind.ORIGINAL],
            subtitle_languages=[lang for lang in languages if lang.kind == FilmLanguage.Kind.SUBTITLE],
            sales_contact=contact,
            screener_mailto=f"mailto:{quote(contact, safe='@')}?subject={quote(subject)}" if contact else "",
        )
    if editor:
        context["missing"] = (
            services.film_missing_for_review(film=film) if film.listing_status in EDITABLE_STATES else []
        )
    if editor or reviewer:
        context["events"] = audit_timeline(obj=film, table=LISTING_TRANSITIONS)
    if film.is_published and user.has_perm("films.add_shortlist"):
        context["shortlists"] = list(selectors.shortlist_list_for_user(user=user))
        context["on_shortlists"] = list(selectors.shortlist_list_containing(user=user, film=film))
    return render(request, "films/film_detail.html", context)


# --- Shortlists ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def shortlist_list(request: HttpRequest) -> HttpResponse:
    _require_buyer(request)
    form = forms.ShortlistNameForm(_bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            shortlist = services.shortlist_create(owner=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            _form_errors_from(form, exc)
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
    shortlist = _shortlist_or_404(request, pk)
    form = forms.ShortlistNameForm(_bound(request), initial={"name": shortlist.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.shortlist_rename(shortlist=shortlist, actor=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("The list has been renamed."))
            return redirect("films:shortlist_detail", pk=shortlist.pk)
    films = list(selectors.film_list_with_cards(selectors.shortlist_films(shortlist=shortlist)))
    return render(
        request,
        "films/shortlist_detail.html",
        {"shortlist": shortlist, "form": form, "films": films},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def shortlist_delete(request: HttpRequest, pk: int) -> HttpResponse:
    shortlist = _shortlist_or_404(request, pk)
    services.shortlist_delete(shortlist=shortlist, actor=request.user)
    messages.success(request, _("The list “%(name)s” has been deleted.") % {"name": shortlist.name})
    return redirect("films:shortlist_list")


@login_required
@require_POST
def shortlist_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a film on one of the buyer's lists: a chosen one, a new one, or their default list."""
    film = _film_or_404(request, pk)
    _require_buyer(request)
    back = _safe_next(request, reverse("films:film_detail", args=[film.pk]))
    form = forms.ShortlistAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The request was incomplete."))
        return redirect(back)
    try:
        with transaction.atomic():
            if form.cleaned_data["shortlist"]:
                shortlist = _shortlist_or_404(request, form.cleaned_data["shortlist"])
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
    shortlist = _shortlist_or_404(request, pk)
    film = selectors.shortlist_film_get(shortlist=shortlist, film_id=film_pk)
    if film is None:
        raise Http404
    services.shortlist_remove_film(shortlist=shortlist, actor=request.user, film=film)
    messages.success(request, _("“%(title)s” is off the list “%(name)s”.") % {"title": film, "name": shortlist.name})
    return redirect(_safe_next(request, reverse("films:shortlist_detail", args=[shortlist.pk])))


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer in a stream."""

    def write(self, value: str) -> str:
        return value


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
]


@login_required
@require_GET
def shortlist_export(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    shortlist = _shortlist_or_404(request, pk)
    films = selectors.film_list_for_export(selectors.shortlist_films(shortlist=shortlist))
    writer = csv.writer(_Echo())
    base = request.build_absolute_uri("/")[:-1]

    def lines():
        # A byte-order mark so spreadsheet programs read the Chinese titles as UTF-8.
        yield "\ufeff" + writer.writerow(EXPORT_COLUMNS)
        for film in films.iterator(chunk_size=500):
            yield writer.writerow(
                [
                    film.title_original,
                    film.title_en,
                    film.production_year or "",
                    film.runtime_minutes or "",
                    film.get_film_type_display(),
                    "; ".join(genre.name_en for genre in film.genres.all()),
                    "; ".join(f"{c.name} ({c.name_latin})" if c.name_latin else c.name for c in film.directors),
                    film.sales_contact_email or film.owner_email or "",
                    base + reverse("films:film_detail", args=[film.pk]),
                ]
            )

    filename = f"shortlist-{shortlist.pk}.csv"
    return StreamingHttpResponse(
        lines(),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@login_required
@require_GET
def shortlist_print(request: HttpRequest, pk: int) -> HttpResponse:
    shortlist = _shortlist_or_404(request, pk)
    films = list(selectors.film_list_for_export(selectors.shortlist_films(shortlist=shortlist)))
    for film in films:
        film.sales_contact = film.sales_contact_email or film.owner_email or ""
    return render(request, "films/shortlist_print.html", {"shortlist": shortlist, "films": films})


# --- Bulk import -----------------------------------------------------------------------


def _import_organizations(request: HttpRequest):
    organizations = selectors.organization_list_film_owners(user=request.user, any_for_admin=True)
    if not request.user.has_perm("films.add_film") or not organizations.exists():
        raise PermissionDenied
    return organizations


@login_required
@require_http_methods(["GET", "POST"])
def film_import(request: HttpRequest) -> HttpResponse:
    organizations = _import_organizations(request)
    form = forms.ImportForm(
        _bound(request), request.FILES if request.method == "POST" else None, organizations=organizations
    )
    report: list[str] = []
    if request.method == "POST" and form.is_valid():
        organization = form.cleaned_data["organization"]
        try:
            films = services.film_import_csv(
                organization=organization, actor=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            errors = exc.message_dict
            report = errors.pop("rows", [])
            if errors:
                _form_errors_from(form, ValidationError(errors))
        else:
            messages.success(
                request,
                _("%(count)s films imported into %(company)s as drafts.")
                % {"count": len(films), "company": organization.name},
            )
            if request.user.has_perm("films.change_film", films[0]):
                return redirect("films:my_films")
            return redirect("films:film_import")
    return render(
        request,
        "films/film_import.html",
        {"form": form, "report": report, "columns": services.IMPORT_COLUMNS},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def film_import_template(request: HttpRequest) -> HttpResponse:
    _import_organizations(request)
    return HttpResponse(
        services.import_template_csv(),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="films-import-template.csv"'},
    )
