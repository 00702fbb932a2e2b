"""Producers' films: their list, and the register and edit form with credits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.pages import bound, form_errors_from
from core.workflow import audit_notices
from films import forms, selectors, services
from films.enums import LISTING_TRANSITIONS
from films.models import Film
from films.views.common import EDITABLE_STATES, LIST_PAGE_SIZE, editable_film, listing_choices


@login_required
@require_GET
def my_films(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("films.add_film"):
        raise PermissionDenied
    queryset = selectors.film_list_with_pending_revision(
        selectors.film_list_with_cards(
            selectors.film_list_with_review_facts(selectors.film_list_of_user_organizations(user=request.user))
        )
    )
    page = Paginator(queryset, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    # The agency's notes on films sent back for changes: one query for the page, none without any.
    notices = audit_notices(objects=page, table=LISTING_TRANSITIONS, field="listing_status")
    for film in page:
        film.notice = notices.get(film.pk)
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
        choices = listing_choices(request, film)
        film.moves, film.blocked = choices.allowed, choices.blocked
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
            bound(request), organizations=owners if len(owner_list) > 1 else None, language=get_language()
        )
        credits = forms.CreditFormSet(bound(request), prefix="credits")
    else:
        # A published film's form starts from its pending changes, so the producer goes on with them.
        revision = selectors.film_revision_pending(film=film)
        pending = revision.changes if revision else {}
        form = forms.FilmForm(bound(request), initial={**forms.film_initial(film), **pending}, language=get_language())
        credits = forms.CreditFormSet(
            bound(request),
            prefix="credits",
            initial=pending.get("credits")
            or [
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
                form_errors_from(form, ValidationError(errors))
            else:
                if film is None:
                    messages.success(
                        request,
                        _("“%(title)s” is registered as a draft. Add a poster and rights, then submit it for review.")
                        % {"title": saved},
                    )
                elif selectors.film_revision_pending(film=saved) is not None:
                    messages.success(
                        request,
                        _(
                            "The details have been saved. Changes to the titles, texts, type, genres and credits "
                            "wait for the agency’s approval; the catalogue shows the approved details until then."
                        ),
                    )
                else:
                    messages.success(request, _("The film's details have been saved."))
                return redirect("films:film_detail", pk=saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "films/film_form.html",
        {
            "film": film,
            "form": form,
            "credits": credits,
            "credit_errors": credit_errors,
            "revision": revision if film is not None else None,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def film_create(request: HttpRequest) -> HttpResponse:
    return _film_form_page(request, film=None)


@login_required
@require_http_methods(["GET", "POST"])
def film_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _film_form_page(request, film=editable_film(request, pk))
