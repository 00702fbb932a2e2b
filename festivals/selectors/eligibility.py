"""A film's premiere status, the fee that applies, and every reason it may not enter a section."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _
from django_countries import countries

from core.display import day_label, format_list, moment_label
from festivals.enums import PremiereRequirement, SubmissionStatus
from festivals.models import Deadline, FestivalEdition, Screening, Section
from festivals.premiere import (
    Continent,
    PremiereStatus,
    PublicScreening,
    continent_of,
    premiere_available,
    premiere_status,
)
from festivals.zones import zone_named
from films.enums import CompletionStatus, FilmType
from films.models import Film, FilmCountry

COMPLETED_STATES = (CompletionStatus.COMPLETED, CompletionStatus.RELEASED)


@dataclass(frozen=True)
class ScreeningFacts:
    """What a film's premiere status is worked out from: its countries of production and its
    public screenings. Read once to check a film against many sections."""

    production_countries: list[str]
    screenings: list[PublicScreening]


def film_screening_facts(*, film: Film) -> ScreeningFacts:
    """The film's countries of production and public screenings; two queries."""
    countries = FilmCountry.objects.filter(film=film).values_list("country", flat=True)
    screenings = Screening.objects.filter(film=film).values_list("screened_on", "country")
    return ScreeningFacts(
        production_countries=list(countries),
        screenings=[PublicScreening(day, country) for day, country in screenings],
    )


def submission_list_attach_screening_facts(submissions) -> None:
    """Set ``screening_facts`` on each draft in ``submissions`` (a page already read), for the
    eligibility guard on ``draft → submitted``: two queries whatever the number of drafts."""
    drafts = [submission for submission in submissions if submission.status == SubmissionStatus.DRAFT]
    film_ids = {submission.film_id for submission in drafts}
    if not film_ids:
        return
    made_in: dict[int, list[str]] = {pk: [] for pk in film_ids}
    for film_id, country in FilmCountry.objects.filter(film_id__in=film_ids).values_list("film_id", "country"):
        made_in[film_id].append(country)
    screenings: dict[int, list[PublicScreening]] = {pk: [] for pk in film_ids}
    rows = Screening.objects.filter(film_id__in=film_ids).values_list("film_id", "screened_on", "country")
    for film_id, day, country in rows:
        screenings[film_id].append(PublicScreening(day, country))
    for submission in drafts:
        submission.screening_facts = ScreeningFacts(
            production_countries=made_in[submission.film_id], screenings=screenings[submission.film_id]
        )


def film_premiere_status(*, film: Film, on: date | None = None, facts: ScreeningFacts | None = None) -> PremiereStatus:
    """The film's premiere status from its recorded screenings (those on or before ``on``, if given);
    two queries, none when ``facts`` (``film_screening_facts``) are given."""
    facts = facts or film_screening_facts(film=film)
    return premiere_status(production_countries=facts.production_countries, screenings=facts.screenings, on=on)


def deadline_applying(*, edition: FestivalEdition, at: datetime) -> Deadline | None:
    """The earliest deadline still ahead at ``at``: its fee is the one that applies. Read from a
    prefetch of the edition's deadlines when there is one (a list of many), else one query."""
    ahead = [deadline for deadline in edition.deadlines.all() if deadline.closes_at > at]
    return min(ahead, key=lambda deadline: (deadline.closes_at, deadline.pk), default=None)


def _local(moment: datetime, zone: zoneinfo.ZoneInfo) -> str:
    return moment_label(moment, zone)


def film_completed_by(*, film: Film) -> date | None:
    """The latest date the film is known to have been completed by: its domestic release, or the
    end of its production year, whichever is earlier; None when neither is recorded."""
    known = [film.domestic_release_date] if film.domestic_release_date else []
    if film.production_year:
        known.append(date(film.production_year, 12, 31))
    return min(known, default=None)


def _premiere_reason(requirement: str, festival_country: str) -> str:
    if requirement == PremiereRequirement.WORLD:
        return _("The section asks for a world premiere, and the film has already been screened in public.")
    if requirement == PremiereRequirement.INTERNATIONAL:
        return _(
            "The section asks for an international premiere, and the film has already been screened "
            "outside its countries of production."
        )
    if requirement == PremiereRequirement.CONTINENTAL:
        continent = continent_of(festival_country)
        return _("The section asks for a premiere in %(place)s, and the film has already been screened there.") % {
            "place": Continent(continent).label if continent else festival_country
        }
    return _("The section asks for a premiere in %(place)s, and the film has already been screened there.") % {
        "place": _country_name(festival_country)
    }


def _country_name(code) -> str:
    return str(countries.name(str(code))) or str(code)


def submission_eligibility(
    *, film: Film, section: Section, at: datetime, facts: ScreeningFacts | None = None
) -> list[str]:
    """Every reason the film may not be submitted to the section at ``at``; empty when it may.

    Deadlines close at their stored instant (set in the festival's own zone); dates such as
    the opening of submissions are read in the festival's zone. Screenings held on or before
    that day use up premieres. The edition's deadlines are read from a prefetch when there is
    one; ``facts`` spare reading the film's screenings again for each section.
    """
    edition = section.edition
    festival = edition.festival
    zone = zone_named(edition.time_zone)
    local_day = at.astimezone(zone).date()
    reasons: list[str] = []

    deadlines = sorted(edition.deadlines.all(), key=lambda deadline: (deadline.closes_at, deadline.pk))
    if deadlines:
        last = deadlines[-1]
        if at >= last.closes_at:
            reasons.append(
                _("The final deadline of this edition closed on %(when)s.") % {"when": _local(last.closes_at, zone)}
            )
    elif local_day >= edition.starts_on:
        reasons.append(_("This edition has opened and has no submission deadline left."))
    if edition.submissions_open_on and local_day < edition.submissions_open_on:
        reasons.append(
            _("Submissions to this edition open on %(day)s.") % {"day": day_label(edition.submissions_open_on)}
        )

    if section.premiere_requirement != PremiereRequirement.NONE:
        status = film_premiere_status(film=film, on=local_day, facts=facts)
        if not premiere_available(
            status=status, requirement=section.premiere_requirement, festival_country=str(festival.country)
        ):
            reasons.append(_premiere_reason(section.premiere_requirement, festival.country))

    if section.completed_after:
        completed_by = film_completed_by(film=film)
        if completed_by is None:
            reasons.append(
                _(
                    "The section takes only films completed after %(day)s, and the film has no production "
                    "year or domestic release date to show when it was completed."
                )
                % {"day": day_label(section.completed_after)}
            )
        elif completed_by <= section.completed_after:
            reasons.append(
                _("The section takes only films completed after %(day)s; this film was completed by %(done)s.")
                % {"day": day_label(section.completed_after), "done": day_label(completed_by)}
            )

    if section.runtime_min is not None or section.runtime_max is not None:
        runtime = film.runtime_minutes
        if runtime is None:
            reasons.append(_("The section has runtime limits, and the film's runtime is not recorded."))
        elif section.runtime_min is not None and runtime < section.runtime_min:
            reasons.append(
                _("The film runs %(runtime)s minutes; the section takes films of at least %(low)s minutes.")
                % {"runtime": runtime, "low": section.runtime_min}
            )
        elif section.runtime_max is not None and runtime > section.runtime_max:
            reasons.append(
                _("The film runs %(runtime)s minutes; the section takes films of at most %(high)s minutes.")
                % {"runtime": runtime, "high": section.runtime_max}
            )

    if not section.accepts_type(film.film_type):
        reasons.append(
            _("The section takes only %(types)s; this film is %(type)s.")
            % {
                "types": format_list(FilmType(t).label for t in section.accepted_types if t in FilmType.values),
                "type": FilmType(film.film_type).label if film.film_type in FilmType.values else film.film_type,
            }
        )

    if film.completion_status not in COMPLETED_STATES:
        reasons.append(
            _("The film is not completed yet (%(status)s).")
            % {"status": CompletionStatus(film.completion_status).label}
        )
    return reasons
