"""Template helpers for the films pages and the dashboard's films panels."""

from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from accounts.rules import is_agency_admin, is_producer, is_verified_buyer
from core.addresses import url_for_id
from core.display import for_reader
from films import selectors, territories
from films.enums import RightsMedia

register = template.Library()


def _chinese() -> bool:
    return (get_language() or "").startswith("zh")


@register.filter
def localized(obj, field: str) -> str:
    """``obj.<field>_zh`` on a Chinese page and ``obj.<field>_en`` otherwise, each falling back to the other."""
    return for_reader(getattr(obj, f"{field}_en", ""), getattr(obj, f"{field}_zh", ""))


@register.filter
def genre_name(genre) -> str:
    return genre.display_name(get_language())


@register.filter
def country_name(code: str) -> str:
    return str(countries.name(code)) or code


@register.filter
def territory_list(codes) -> str:
    """Territory codes or region keys as their names, in one phrase (``territories.territory_list``)."""
    return territories.territory_list(codes or [])


@register.filter
def takes_exceptions(territory) -> bool:
    """Whether a rights row for ``territory`` may leave territories out: a region, or a row whose
    territory is still to be chosen. One country has nothing to leave out."""
    return not territory or str(territory).lower() in territories.REGIONS


@register.filter
def with_media(columns) -> list[tuple[str, str, list]]:
    """A rights group's columns as ``(media, its label, the cells)``, in the order of ``RightsMedia``."""
    return [(value, label, cells) for (value, label), cells in zip(RightsMedia.choices, columns, strict=True)]


@register.simple_tag
def films_dashboard(user) -> dict:
    """What the dashboard's films panels show for this user, in a few queries."""
    data: dict = {}
    if is_producer(user):
        films = selectors.film_list_of_user_organizations(user=user)
        data["my_films"] = list(films.select_related("organization")[:5])
        data["my_films_count"] = films.count()
    if is_agency_admin(user):
        data["pending_review_count"] = selectors.film_list_for_review().count()
    if is_verified_buyer(user):
        data["shortlists"] = list(selectors.shortlist_list_with_counts(user=user)[:5])
    return data


# --- A film's titles, poster and card ----------------------------------------------------------
#
# Rendered in Python: a catalogue page shows some twenty-five cards, and through templates each
# card cost some forty template nodes and three URL look-ups. films/includes/titles.html and
# poster.html render through these too, so each fragment has one source.


def _title_language(text: str, film) -> str:
    return "zh-Hans" if text == film.title_original else "en"


@register.simple_tag
def film_titles(film) -> str:
    """The title in the reader's language, then the other one (each marked with its language)."""
    language = get_language()
    main, other = film.display_title(language), film.other_title(language)
    html = format_html('<span class="title-main" lang="{}">{}</span>', _title_language(main, film), main)
    if other:
        html += format_html(' <span class="title-other" lang="{}">{}</span>', _title_language(other, film), other)
    return html


@register.simple_tag
def film_poster(film, size: str = "") -> str:
    """The film's poster (``size`` "large": the display size), or a placeholder with its title's start."""
    poster = film.card_poster
    extra = f" poster-{size}" if size else ""
    if poster is None:
        return format_html(
            '<div class="poster poster-missing{}" role="img" aria-label="{}"><span aria-hidden="true">{}</span></div>',
            extra,
            _("No poster yet"),
            film.title_original[:2],
        )
    large = size == "large"
    return format_html(
        '<img class="poster{}" src="{}" alt="{}" width="{}" height="{}" loading="lazy">',
        extra,
        poster.display_url if large else poster.thumbnail_url,
        _("Poster of %(title)s") % {"title": film},
        400 if large else 160,
        600 if large else 240,
    )


def _film_meta(film) -> str:
    parts = [str(film.production_year)] if film.production_year else []
    if film.runtime_minutes:
        parts.append(_("%(minutes)s min") % {"minutes": film.runtime_minutes})
    parts.append(film.get_film_type_display())
    return " · ".join(parts)


@register.simple_tag(takes_context=True)
def film_card(context, film) -> str:
    """A film's card in a list: poster, titles, year, runtime and type, logline, genres and, for
    those who keep shortlists (``shortlists`` in the context, a list), a compact "Add to
    shortlist" form. Reads a ``Film`` (with ``selectors.film_list_with_cards``' prefetches) or
    a catalogue page's ``films.listing.CatalogueFilm`` alike."""
    url = url_for_id("films:film_detail", film.pk)
    title_id = f"film-{film.pk}-title"
    logline = localized(film, "logline")
    genres = film.card_genres
    body = [
        format_html('<h3 class="film-card-title" id="{}"><a href="{}">{}</a></h3>', title_id, url, film_titles(film)),
        format_html('<p class="film-meta">{}</p>', _film_meta(film)),
    ]
    if logline:
        body.append(format_html('<p class="film-logline">{}</p>', logline))
    if genres:
        body.append(
            format_html(
                '<ul class="tags" aria-label="{}">{}</ul>',
                _("Genres"),
                format_html_join("", "<li>{}</li>", ((genre_name(genre),) for genre in genres)),
            )
        )
    shortlists = context.get("shortlists")
    if shortlists is not None:
        body.append(_shortlist_add_compact(context, film, shortlists))
    return format_html(
        '<article class="film-card" aria-labelledby="{}">'
        '<a class="film-card-poster" href="{}" tabindex="-1" aria-hidden="true">{}</a>'
        '<div class="film-card-body">{}</div></article>',
        title_id,
        url,
        film_poster(film),
        mark_safe("\n".join(body)),  # noqa: S308  (each part built with format_html above)
    )


def _shortlist_add_compact(context, film, shortlists) -> str:
    """films/includes/shortlist_add.html with ``compact``: the user's lists and one button. What
    every card's form shares (the lists, the CSRF token, where to come back) is made once a page."""
    shared = context.render_context.get("film_card_shortlist_form")
    if shared is None:
        request = context.get("request")
        token = context.get("csrf_token")
        shared = context.render_context["film_card_shortlist_form"] = (
            str(token) if token else (get_token(request) if request is not None else ""),
            request.get_full_path() if request is not None else "",
            format_html_join("", '<option value="{}">{}</option>', ((item.pk, item.name) for item in shortlists)),
            _("Shortlist"),
            _("Add to shortlist"),
        )
    token, back, options, label, button = shared
    choose = ""
    if shortlists:
        choose = format_html(
            '<label for="shortlist-{}" class="visually-hidden">{}</label>'
            '<select id="shortlist-{}" name="shortlist">{}</select>',
            film.pk,
            label,
            film.pk,
            options,
        )
    return format_html(
        '<form method="post" action="{}" class="shortlist-add shortlist-add-compact">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="{}">{}'
        '<button type="submit" class="button button-small">{}</button></form>',
        url_for_id("films:shortlist_add", film.pk),
        token,
        back,
        choose,
        button,
    )
