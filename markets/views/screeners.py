"""Hosted screener pages: a buyer's screeners and the portal's player (the video served in byte
ranges through short-lived signed addresses, with the buyer's name as a watermark), the outside
link opened through a grant, and the producer's screener page per film (upload, viewing report,
revoking a grant)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.rules import is_verified_buyer
from accounts.verification import require_verified_buyer
from core.net import client_ip
from core.pages import ask_first, form_errors_from
from markets import selectors, services
from markets.enums import ScreenerGrantState
from markets.forms_screeners import ScreenerUploadForm
from markets.models import ScreenerGrant, ScreenerPlay

CHUNK_BYTES = 64 * 1024
# A reloaded player page goes on with its play (a fresh address, no play used) for this long.
PLAY_REUSE = timedelta(hours=6)
PROGRESS_BODY_MAX = 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


# --- Byte ranges --------------------------------------------------------------------------------


class RangeNotSatisfiable(Exception):
    pass


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The one byte range ``[start, end]`` (inclusive) a ``Range`` header asks for, or None to
    send the whole file (no header, another unit, or several ranges: the whole file is the
    simple right answer to a multi-range request). Raises ``RangeNotSatisfiable`` for a range
    outside the file or written backwards (416)."""
    header = (header or "").strip()
    if not header or not header.startswith("bytes="):
        return None
    if "," in header:
        return None
    match = _RANGE.match(header.replace(" ", ""))
    if match is None:
        raise RangeNotSatisfiable
    first, last = match.groups()
    if first == "" and last == "":
        raise RangeNotSatisfiable
    if first == "":
        length = int(last)
        if length == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(size - length, 0), size - 1
    start = int(first)
    end = size - 1 if last == "" else min(int(last), size - 1)
    if start >= size or (last != "" and int(last) < start):
        raise RangeNotSatisfiable
    return start, end


class FileRange:
    """``length`` bytes of an open file from ``start``, read in chunks as the response is sent;
    ``close()`` (called by Django once the response is done, read or not) closes the file."""

    def __init__(self, opened, start: int, length: int) -> None:
        self.opened, self.start, self.length = opened, start, length

    def __iter__(self) -> Iterator[bytes]:
        self.opened.seek(self.start)
        left = self.length
        while left > 0:
            chunk = self.opened.read(min(CHUNK_BYTES, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk

    def close(self) -> None:
        self.opened.close()


def ranged_response(request: HttpRequest, *, file_field, size: int, content_type: str) -> HttpResponse:
    """The file (or the range the request asks for) streamed in chunks from the storage, with
    the headers a private video needs. HEAD answers the same headers without a body."""
    try:
        found = parse_range(request.META.get("HTTP_RANGE", ""), size)
    except RangeNotSatisfiable:
        response = HttpResponse(
            _("The requested range is outside the video (%(size)d bytes).") % {"size": size},
            status=416,
            content_type="text/plain; charset=utf-8",
        )
        response["Content-Range"] = f"bytes */{size}"
        return _private(response)
    start, end = found if found is not None else (0, size - 1)
    length = end - start + 1 if size else 0
    if request.method == "HEAD":
        response = HttpResponse(status=206 if found else 200, content_type=content_type)
    else:
        try:
            opened = file_field.storage.open(file_field.name, "rb")
        except OSError as exc:
            raise Http404(_("The screener file is missing.")) from exc
        response = StreamingHttpResponse(
            FileRange(opened, start, length), status=206 if found else 200, content_type=content_type
        )
    response["Content-Length"] = str(length)
    if found is not None:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = "inline"
    return _private(response)


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Buyer side ---------------------------------------------------------------------------------


def _own_grant(request: HttpRequest, pk: int) -> ScreenerGrant:
    """The user's own grant (404 for anyone else's, colleagues included); an unverified,
    suspended or rejected buyer gets 403 with the company's status."""
    grant = selectors.screener_grant_list_visible_to(user=request.user).filter(pk=pk, buyer_user=request.user).first()
    if grant is None:
        raise Http404(_("No such screener grant of yours."))
    require_verified_buyer(request.user, allowed=is_verified_buyer(request.user))
    return grant


def _ended(request: HttpRequest, grant: ScreenerGrant, state: str) -> HttpResponse:
    return render(
        request,
        "markets/screeners_ended.html",
        {"grant": grant, "state": state, "reason": services.screener_grant_ended_reason(state)},
        status=410,
    )


def _with_state(grants: list[ScreenerGrant]) -> list[ScreenerGrant]:
    now = timezone.now()
    for grant in grants:
        grant.state = services.screener_grant_state(grant, now=now)
        grant.state_label = ScreenerGrantState(grant.state).label
        seconds = getattr(grant, "seconds_total", None)
        if seconds is not None or hasattr(grant, "seconds_total"):
            grant.minutes_watched = round(float(seconds or 0) / 60, 1)
    return grants


@login_required
@require_GET
def screener_mine(request: HttpRequest) -> HttpResponse:
    """The buyer's screeners: every grant they were given, active first, with what is left."""
    require_verified_buyer(request.user, allowed=is_verified_buyer(request.user))
    grants = _with_state(
        list(selectors.screener_grant_list_visible_to(user=request.user).filter(buyer_user=request.user))
    )
    grants.sort(key=lambda grant: grant.state != ScreenerGrantState.ACTIVE)
    return render(request, "markets/screeners_mine.html", {"grants": grants})


def _current_play(request: HttpRequest, grant: ScreenerGrant) -> ScreenerPlay | None:
    value = request.GET.get("play", "")
    if not value.isdigit():
        return None
    return ScreenerPlay.objects.filter(
        pk=int(value), grant=grant, user=request.user, outside_link=False, started_at__gt=timezone.now() - PLAY_REUSE
    ).first()


def _stopped(grant: ScreenerGrant) -> str:
    """Revoked or expired (a play already open goes on while plays are used up)."""
    state = services.screener_grant_state(grant)
    return "" if state in (ScreenerGrantState.ACTIVE, ScreenerGrantState.EXHAUSTED) else state


@login_required
@require_http_methods(["GET", "POST"])
def screener_watch(request: HttpRequest, pk: int) -> HttpResponse:
    """The player page. GET shows the play the address names (``?play=``, reloading gives a fresh
    video address) or a button that opens a new play; POST opens it (one of the grant's plays)
    and comes back to the page with it."""
    grant = _own_grant(request, pk)
    screener = getattr(grant.film, "screener_file", None)
    if request.method == "POST":
        if screener is None:
            return redirect("market_screeners:watch", grant.pk)
        try:
            play = services.screener_play_start(
                grant=grant,
                actor=request.user,
                ip_address=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
            )
        except services.ScreenerGrantEnded as exc:
            return _ended(request, grant, exc.state)
        return HttpResponseRedirect(reverse("market_screeners:watch", args=[grant.pk]) + f"?play={play.pk}")
    play = _current_play(request, grant)
    stopped = _stopped(grant)
    if stopped or (play is None and services.screener_grant_state(grant) != ScreenerGrantState.ACTIVE):
        return _ended(request, grant, stopped or services.screener_grant_state(grant))
    context = {
        "grant": grant,
        "film": grant.film,
        "screener": screener,
        "play": play,
        "video_url": services.screener_video_url(play=play) if play is not None and screener is not None else "",
        "company": grant.organization.name,
        "viewer": grant.buyer_user.display_name,
    }
    response = render(request, "markets/screeners_watch.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


def _refused(message: str, status: int) -> HttpResponse:
    return _private(HttpResponse(message, status=status, content_type="text/plain; charset=utf-8"))


@require_http_methods(["GET", "HEAD"])
def screener_video(request: HttpRequest, pk: int) -> HttpResponse:
    """The video of a grant, in byte ranges, through a signed address tied to one play of the
    user's (403 naming the reason when the address is altered, someone else's or expired)."""
    user_id = request.user.pk if request.user.is_authenticated else None
    try:
        play_id = services.screener_video_token_check(request.GET.get("t", ""), grant_id=pk, user_id=user_id)
    except services.VideoTokenError as exc:
        return _refused(str(exc), 403)
    grant = _own_grant(request, pk)
    if not ScreenerPlay.objects.filter(pk=play_id, grant=grant).exists():
        return _refused(_("This video link is not valid (it was altered or cut short)."), 403)
    if stopped := _stopped(grant):
        return _refused(services.screener_grant_ended_reason(stopped), 410)
    screener = getattr(grant.film, "screener_file", None)
    if screener is None:
        raise Http404(_("The film has no screener file."))
    return ranged_response(
        request, file_field=screener.file, size=screener.size_bytes, content_type=screener.content_type
    )


@login_required
@require_http_methods(["GET", "POST"])
def screener_open(request: HttpRequest, pk: int) -> HttpResponse:
    """The outside screener link through the grant: POST logs a play and redirects (302) to the
    link; GET goes to the player page, which offers the button."""
    grant = _own_grant(request, pk)
    if request.method == "GET":
        return redirect("market_screeners:watch", grant.pk)
    if not grant.film.screener_url:
        raise Http404(_("The film has no outside screener link."))
    try:
        services.screener_play_start(
            grant=grant,
            actor=request.user,
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            outside_link=True,
        )
    except services.ScreenerGrantEnded as exc:
        return _ended(request, grant, exc.state)
    response = HttpResponseRedirect(grant.film.screener_url)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def screener_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """The player's report, ``{"seconds": 123.4}`` (JSON, CSRF header): how far the buyer got in
    the play ``pk``. Answers the seconds recorded and a fresh video address."""
    play = ScreenerPlay.objects.select_related("grant", "grant__film").filter(pk=pk, user=request.user).first()
    if play is None:
        raise Http404(_("No such play of yours."))
    require_verified_buyer(request.user, allowed=is_verified_buyer(request.user))
    if len(request.body) > PROGRESS_BODY_MAX:
        return JsonResponse({"errors": {"seconds": [_("The report is too large.")]}}, status=400)
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"errors": {"body": [_('Send JSON: {"seconds": number}.')]}}, status=400)
    if not isinstance(body, dict) or "seconds" not in body:
        return JsonResponse({"errors": {"seconds": [_('Send JSON: {"seconds": number}.')]}}, status=400)
    try:
        play = services.screener_play_progress(play=play, actor=request.user, seconds=body["seconds"])
    except ValidationError as exc:
        return JsonResponse({"errors": exc.message_dict}, status=400)
    answer = {"play": play.pk, "seconds_watched": float(play.seconds_watched)}
    if not _stopped(play.grant) and not play.outside_link:
        answer["video_url"] = services.screener_video_url(play=play)
    response = JsonResponse(answer)
    response["Cache-Control"] = "private, no-store"
    return response


# --- Producer side ------------------------------------------------------------------------------


def _managed_film(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.screener_film_list_managed_by(user=request.user), pk=pk)


@login_required
@require_GET
def screener_films(request: HttpRequest) -> HttpResponse:
    """The films whose screeners the user manages, with what each has and its grants."""
    if not request.user.has_perm("markets.upload_screener"):
        raise PermissionDenied(_("Screeners are managed by the film's company."))
    films = list(selectors.screener_film_list_with_grant_counts(user=request.user))
    return render(request, "markets/screeners_films.html", {"films": films})


@login_required
@require_http_methods(["GET", "POST"])
def screener_film(request: HttpRequest, pk: int) -> HttpResponse:
    """A film's screener: upload (its company's members), the outside link, and the viewing
    report with each grant's revoke button (members and agency admins)."""
    film = _managed_film(request, pk)
    may_upload = request.user.has_perm("films.change_film", film)
    form = ScreenerUploadForm(request.POST or None, request.FILES or None) if may_upload else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Only members of the film's company may upload its screener."))
        if form.is_valid():
            try:
                services.screener_file_upload(film=film, actor=request.user, upload=form.cleaned_data["file"])
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("The screener is uploaded and checked: buyers you grant can watch it."))
                return redirect("market_screeners:film", film.pk)
        status = 400
    report = _with_state(selectors.screener_report_for_film(film=film))
    context = {
        "film": film,
        "screener": getattr(film, "screener_file", None),
        "form": form,
        "report": report,
        "may_revoke": request.user.has_perm("markets.revoke_screenergrant", report[0]) if report else False,
    }
    return render(request, "markets/screeners_film.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def screener_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """End a grant now, after a confirmation (without JavaScript, a confirmation page)."""
    grant = selectors.screener_grant_list_visible_to(user=request.user).filter(pk=pk).first()
    if grant is None:
        raise Http404(_("No such screener grant."))
    if not request.user.has_perm("markets.revoke_screenergrant", grant):
        raise PermissionDenied(_("Only the film's company and agency admins may end a screener grant."))
    back = reverse("market_screeners:film", args=[grant.film_id])
    asked = ask_first(
        request,
        title=_("Revoke the screener access"),
        subject=_("%(buyer)s (%(company)s) — %(film)s")
        % {"buyer": grant.buyer_user.display_name, "company": grant.organization.name, "film": grant.film},
        consequence=_(
            "The buyer can no longer watch the screener, even a play already open; they are told. To let "
            "them watch again, they ask again and you grant a new access."
        ),
        button=_("Revoke the access"),
        back=back,
    )
    if asked is not None:
        return asked
    try:
        services.screener_grant_revoke(grant=grant, actor=request.user, note=request.POST.get("note", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The access is revoked and the buyer is told."))
    return redirect(back)
