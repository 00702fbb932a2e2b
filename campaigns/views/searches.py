"""A verified buyer's saved searches: the list (filters in words, new matches, rename, delete),
saving the catalogue's current search, and opening a search's results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.verification import require_verified_buyer
from campaigns import forms_searches as forms
from campaigns import selectors, services
from campaigns.models import SavedSearch
from core.pages import ask_first, form_errors_from


def _require_buyer(request: HttpRequest) -> None:
    """Saved searches are for verified buyers; an unverified buyer is told the company's status."""
    require_verified_buyer(request.user, allowed=request.user.has_perm("campaigns.use_saved_searches"))


def _own_or_404(request: HttpRequest, pk: int) -> SavedSearch:
    saved_search = selectors.saved_search_list_for(user=request.user).filter(pk=pk).first()
    if saved_search is None:
        raise Http404
    return saved_search


def _list_page(request: HttpRequest, *, form=None, renaming=None, status: int = 200) -> HttpResponse:
    searches = list(selectors.saved_search_list_for(user=request.user))
    words = selectors.FiltersInWords()
    for saved_search in searches:
        saved_search.filters_in_words = words(saved_search.query)
        saved_search.rename_form = (
            renaming
            if renaming is not None and renaming.saved_search_pk == saved_search.pk
            else forms.SavedSearchNameForm(initial={"name": saved_search.name}, prefix=f"s{saved_search.pk}")
        )
    return render(
        request,
        "campaigns/searches_list.html",
        {"searches": searches, "form": form, "limit": services.searches.SAVED_SEARCH_LIMIT},
        status=status,
    )


@login_required
@require_GET
def saved_search_list(request: HttpRequest) -> HttpResponse:
    _require_buyer(request)
    return _list_page(request)


@login_required
@require_POST
def saved_search_save(request: HttpRequest) -> HttpResponse:
    """Save the catalogue's current search (its query string and a name)."""
    _require_buyer(request)
    form = forms.SavedSearchForm(request.POST)
    if form.is_valid():
        try:
            saved_search = services.saved_search_create(
                user=request.user, name=form.cleaned_data["name"], query=form.cleaned_data["query"]
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("The search “%(name)s” is saved; you will be told of new films that match it.")
                % {"name": saved_search.name},
            )
            return redirect("campaigns_searches:list")
    return render(request, "campaigns/searches_save.html", {"form": form}, status=400)


@login_required
@require_POST
def saved_search_rename(request: HttpRequest, pk: int) -> HttpResponse:
    _require_buyer(request)
    saved_search = _own_or_404(request, pk)
    form = forms.SavedSearchNameForm(request.POST, prefix=f"s{saved_search.pk}")
    if form.is_valid():
        try:
            services.saved_search_rename(saved_search=saved_search, actor=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The search is renamed “%(name)s”.") % {"name": saved_search.name})
            return redirect("campaigns_searches:list")
    form.saved_search_pk = saved_search.pk
    return _list_page(request, renaming=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_buyer(request)
    saved_search = _own_or_404(request, pk)
    asked = ask_first(
        request,
        title=_("Delete a saved search"),
        subject=saved_search.name,
        consequence=_("You will no longer be told of new films matching it."),
        button=_("Delete the search"),
        back=reverse("campaigns_searches:list"),
    )
    if asked is not None:
        return asked
    services.saved_search_delete(saved_search=saved_search, actor=request.user)
    messages.success(request, _("The search “%(name)s” is deleted.") % {"name": saved_search.name})
    return redirect("campaigns_searches:list")


@login_required
@require_GET
def saved_search_open(request: HttpRequest, pk: int) -> HttpResponse:
    """The search's results in the catalogue; its matches so far stop counting as new."""
    _require_buyer(request)
    saved_search = _own_or_404(request, pk)
    services.saved_search_results_seen(saved_search=saved_search, actor=request.user)
    return redirect(services.saved_search_results_url(saved_search))
