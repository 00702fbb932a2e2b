"""The festival calendar page (public): upcoming deadlines and editions, filtered by tier,
country, month, focus and "open for my film", and the same deadlines as an iCalendar file."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.rules import is_producer
from festivals import selectors
from festivals.forms import CalendarFilterForm
from festivals.ics import deadlines_ics_feed
from films.selectors import film_list_of_user_organizations

CALENDAR_PAGE_SIZE = 50
EDITIONS_SHOWN = 24


def _calendar_form(request: HttpRequest) -> CalendarFilterForm:
    films = film_list_of_user_organizations(user=request.user) if is_producer(request.user) else None
    return CalendarFilterForm(request.GET, films=films.order_by("title_en", "id") if films is not None else None)


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    form = _calendar_form(request)
    if not form.is_valid():
        return _render_calendar(request, form, deadlines=None, editions=[], status=400)
    now = timezone.now()
    filters = form.selector_filters()
    film = form.cleaned_data.get("film")
    deadlines = selectors.deadline_list_for_calendar(after=now, film=film, **filters)
    page = Paginator(deadlines, CALENDAR_PAGE_SIZE).get_page(request.GET.get("page"))
    editions = selectors.edition_list_upcoming(after=timezone.localdate(), **filters)
    if film is not None:
        editions = editions.filter(pk__in=deadlines.values("edition_id"))
    return _render_calendar(request, form, deadlines=page, editions=list(editions[:EDITIONS_SHOWN]))


def _render_calendar(request: HttpRequest, form: CalendarFilterForm, *, deadlines, editions, status: int = 200):
    return render(
        request,
        "festivals/calendar.html",
        {
            "form": form,
            "page": deadlines,
            "deadlines": list(deadlines) if deadlines is not None else [],
            "editions": editions,
            "film": form.cleaned_data.get("film") if form.is_bound and not form.errors else None,
            "query": request.GET.urlencode(),
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
        },
        status=status,
    )


@require_GET
def calendar_ics(request: HttpRequest) -> HttpResponse:
    """The deadlines the calendar page lists for the same filters (all of them, not one page)."""
    form = _calendar_form(request)
    if not form.is_valid():
        return _render_calendar(request, form, deadlines=None, editions=[], status=400)
    return deadlines_ics_feed(filters=form.selector_filters(), film=form.cleaned_data.get("film"), now=timezone.now())
