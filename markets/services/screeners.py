"""Hosted screeners: a producer uploads a film's screener (checked by its content with ffprobe),
grants a buyer who asked some days and plays (through the screener request's ``granted`` move),
and may revoke the grant at any time; the buyer's plays and how far they watched are logged.

Videos reach the buyer only through short-lived signed addresses tied to one play (so to one
grant and one user): :func:`screener_video_token` and :func:`screener_video_token_check`.
"""

from __future__ import annotations

import json
import math
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.workflow import audit_record
from films.models import Film, ScreenerRequest
from markets.enums import ScreenerGrantState
from markets.models import ScreenerFile, ScreenerGrant, ScreenerPlay
from markets.notification_kinds import SCREENER_REVOKED
from notifications.services import notify

GRANT_DAYS_MAX = 90
GRANT_PLAYS_MAX = 50
USER_AGENT_MAX = 300
# What a player may report: no more than a day into a video (the cap is the video's duration).
PROGRESS_MAX_SECONDS = 24 * 3600
VIDEO_TOKEN_SALT = "markets.screener.video"  # noqa: S105  (a signing salt, not a secret)
NOTE_MAX = 4000

# Accepted by content: the container ffprobe names, and the video codecs allowed in it.
_FORMATS = {
    "mp4": ({"mov", "mp4"}, {"h264"}, "video/mp4"),
    "webm": ({"matroska", "webm"}, {"vp8", "vp9", "av1"}, "video/webm"),
}


# --- The file ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProbedVideo:
    container: str
    video_codec: str
    content_type: str
    width: int | None
    height: int | None
    duration_seconds: Decimal


def _refuse(message: str) -> ValidationError:
    return ValidationError({"file": [message]}, code="invalid_screener")


def _rule() -> str:
    return _("A screener must be an MP4 video (H.264) or a WebM video (VP8, VP9 or AV1).")


def screener_probe(*, path: str) -> ProbedVideo:
    """What ffprobe finds in the file at ``path``: the container, the video stream and the
    duration. Raises a ``ValidationError`` naming the rule for anything else (not a video, a
    truncated file, audio only, another codec)."""
    command = [
        settings.SCREENER_FFPROBE,
        "-v",
        "error",
        "-print_format",
        "json",
        "-show_format",
        "-show_streams",
        path,
    ]
    try:
        result = subprocess.run(  # noqa: S603  (a fixed argument list, no shell)
            command, capture_output=True, timeout=settings.SCREENER_FFPROBE_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise _refuse(_("The file could not be checked in time; it may be damaged.")) from exc
    except OSError as exc:
        raise ValidationError(
            {"file": [_("Screener files cannot be checked on this server now (ffprobe is missing).")]},
            code="unavailable",
        ) from exc
    try:
        found = json.loads(result.stdout or b"{}")
    except ValueError:
        found = {}
    if result.returncode != 0 or not found.get("format"):
        raise _refuse(_("The file is not a readable video (it may be truncated or not a video at all). ") + _rule())
    format_names = set(str(found["format"].get("format_name", "")).split(","))
    videos = [s for s in found.get("streams", []) if s.get("codec_type") == "video" and not _is_cover(s)]
    if not videos:
        raise _refuse(_("The file has no video, only sound or data. ") + _rule())
    video = videos[0]
    codec = str(video.get("codec_name", ""))
    matched = [
        (container, content_type)
        for container, (names, codecs, content_type) in _FORMATS.items()
        if format_names & names and codec in codecs
    ]
    if not matched:
        raise _refuse(_("The file's video is “%(codec)s”. ") % {"codec": codec or "?"} + _rule())
    container, content_type = matched[0]
    try:
        duration = float(found["format"].get("duration") or video.get("duration") or 0)
    except (TypeError, ValueError):
        duration = 0
    if not math.isfinite(duration) or duration <= 0:
        raise _refuse(_("The video has no duration; it may be truncated. ") + _rule())
    return ProbedVideo(
        container=container,
        video_codec=codec,
        content_type=content_type,
        width=_positive(video.get("width")),
        height=_positive(video.get("height")),
        duration_seconds=Decimal(str(round(duration, 3))),
    )


def _is_cover(stream: dict) -> bool:
    return bool((stream.get("disposition") or {}).get("attached_pic"))


def _positive(value) -> int | None:
    return value if isinstance(value, int) and value > 0 else None


def screener_max_bytes_message() -> str:
    return _("The file is larger than the %(size)s a screener may be.") % {
        "size": filesizeformat(settings.SCREENER_MAX_BYTES)
    }


def screener_file_upload(*, film: Film, actor, upload) -> ScreenerFile:
    """Store ``upload`` (a Django ``UploadedFile``) as the film's screener, replacing the one it
    had, once ffprobe accepts it. Only the film's company members upload.

    Side effects: the file is written through the media storage under an unguessable name (the
    replaced one is deleted after commit); an audit event on the film's screener. Nothing is
    stored when a check refuses the file."""
    if not actor.has_perm("films.change_film", film):
        raise PermissionDenied(_("Only members of the film's company may upload its screener."))
    size = getattr(upload, "size", None) or 0
    if size <= 0:
        raise _refuse(_("The file is empty."))
    if size > settings.SCREENER_MAX_BYTES:
        raise ValidationError({"file": [screener_max_bytes_message()]}, code="too_large")
    if hasattr(upload, "temporary_file_path"):
        probed = screener_probe(path=upload.temporary_file_path())
    else:
        # A small upload Django kept in memory: ffprobe needs a path, so copy it in chunks.
        with tempfile.NamedTemporaryFile(suffix=".upload") as copy:
            upload.seek(0)
            for chunk in upload.chunks():
                copy.write(chunk)
            copy.flush()
            probed = screener_probe(path=copy.name)
    upload.seek(0)
    extension = "mp4" if probed.container == "mp4" else "webm"
    with transaction.atomic():
        Film.objects.select_for_update().filter(pk=film.pk).first()
        screener = ScreenerFile.objects.filter(film=film).first()
        old_name = screener.file.name if screener is not None else ""
        if screener is None:
            screener = ScreenerFile(film=film)
        screener.size_bytes = size
        screener.container = probed.container
        screener.video_codec = probed.video_codec
        screener.content_type = probed.content_type
        screener.width = probed.width
        screener.height = probed.height
        screener.duration_seconds = probed.duration_seconds
        screener.uploaded_by = actor
        screener.file.save(f"screener.{extension}", upload, save=False)
        new_name = screener.file.name
        try:
            screener.save()
            audit_record(obj=screener, actor=actor, from_state="", to_state="uploaded", field="file")
        except Exception:
            screener.file.storage.delete(new_name)
            raise
        if old_name:
            storage = screener.file.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    return screener


def screener_file_for(*, film: Film) -> ScreenerFile | None:
    return ScreenerFile.objects.filter(film=film).first()


# --- Granting ---------------------------------------------------------------------------------


def screener_request_guard_has_screener(*, obj: ScreenerRequest, actor) -> list[str]:
    """The film must have a screener to watch (an uploaded file or an outside link), and the
    member who asked must still be an active member of the buyer company (the grant is theirs)."""
    reasons = []
    film = obj.film
    # Lists join the screener file and prefetch the asker's memberships (films' selector): no
    # query per request there; a single request reads them here.
    if not film.screener_url and not hasattr(film, "screener_file"):
        reasons.append(
            _("Upload the film's screener or give an outside screener link first; there is nothing to watch yet.")
        )
    asker = obj.requested_by
    belongs = asker is not None and any(m.organization_id == obj.organization_id for m in asker.memberships.all())
    if asker is None or not asker.is_active or not belongs:
        reasons.append(_("The person who asked is no longer a member of the buyer company; they must ask again."))
    return reasons


def screener_grant_create_for_request(
    *, request: ScreenerRequest, actor, expires_in_days: int, max_plays: int
) -> ScreenerGrant:
    """The grant a ``granted`` move makes (called by films' transition, under its lock, inside
    its transaction): the member who asked may watch for ``expires_in_days`` days and
    ``max_plays`` plays."""
    if not 1 <= expires_in_days <= GRANT_DAYS_MAX or not 1 <= max_plays <= GRANT_PLAYS_MAX:
        raise ValidationError({"max_plays": [_("Out of range.")]})
    return ScreenerGrant.objects.create(
        request=request,
        film=request.film,
        organization=request.organization,
        buyer_user=request.requested_by,
        granted_by=actor,
        expires_at=timezone.now() + timedelta(days=expires_in_days),
        max_plays=max_plays,
    )


def screener_grant_state(grant: ScreenerGrant, *, now: datetime | None = None) -> str:
    """Revoked, expired, out of plays, or active (in that order)."""
    now = now or timezone.now()
    if grant.revoked_at is not None:
        return ScreenerGrantState.REVOKED
    if grant.expires_at <= now:
        return ScreenerGrantState.EXPIRED
    if grant.plays_used >= grant.max_plays:
        return ScreenerGrantState.EXHAUSTED
    return ScreenerGrantState.ACTIVE


def screener_grant_ended_reason(state: str) -> str:
    return {
        ScreenerGrantState.REVOKED: _("The producer ended your access to this screener."),
        ScreenerGrantState.EXPIRED: _("Your access to this screener has expired."),
        ScreenerGrantState.EXHAUSTED: _("You have used every play this screener allowed."),
    }.get(state, "")


class ScreenerGrantEnded(Exception):
    """The grant no longer plays: revoked, expired or out of plays (pages and API answer 410)."""

    def __init__(self, state: str) -> None:
        self.state = state
        super().__init__(screener_grant_ended_reason(state))


def screener_grant_revoke(*, grant: ScreenerGrant, actor, note: str = "") -> ScreenerGrant:
    """End a grant now (the film's company members, agency admins).
    Side effects: row lock; ``revoked_at``/``revoked_by`` set; an audit event; the buyer's
    notification through the outbox in the same transaction."""
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": [_("At most %(limit)d characters.") % {"limit": NOTE_MAX}]})
    with transaction.atomic():
        locked = ScreenerGrant.objects.select_for_update().select_related("film__organization").get(pk=grant.pk)
        if not actor.has_perm("markets.revoke_screenergrant", locked):
            raise PermissionDenied(_("Only the film's company and agency admins may end a screener grant."))
        if locked.revoked_at is not None:
            raise ValidationError(
                {"grant": [_("This grant was already revoked. Nothing was changed.")]}, code="invalid_transition"
            )
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
        event = audit_record(obj=locked, actor=actor, from_state="granted", to_state="revoked", note=note)
        film = locked.film
        notify(
            recipients=[locked.buyer_user] if locked.buyer_user_id != actor.pk else [],
            kind=SCREENER_REVOKED,
            subject_object=locked,
            url=reverse("films:film_detail", args=[film.pk]),
            context={
                "title": film.display_title("en"),
                "title_zh": film.display_title("zh-hans"),
                "film_id": film.pk,
                "producer": film.organization.name,
                "note": note,
            },
            dedupe_key=f"audit:{event.pk}",
        )
    grant.revoked_at, grant.revoked_by = locked.revoked_at, locked.revoked_by
    return locked


# --- Plays ------------------------------------------------------------------------------------


def screener_play_start(
    *, grant: ScreenerGrant, actor, ip_address: str = "", user_agent: str = "", outside_link: bool = False
) -> ScreenerPlay:
    """Open a new play of the grant for its buyer: counts against its plays.
    Raises ``ScreenerGrantEnded`` when the grant no longer plays.
    Side effects: row lock on the grant; ``plays_used`` + 1; one ``ScreenerPlay``."""
    with transaction.atomic():
        locked = ScreenerGrant.objects.select_for_update().get(pk=grant.pk)
        if not actor.has_perm("markets.watch_screenergrant", locked):
            raise PermissionDenied(_("This screener grant is not yours."))
        state = screener_grant_state(locked)
        if state != ScreenerGrantState.ACTIVE:
            raise ScreenerGrantEnded(state)
        locked.plays_used = F("plays_used") + 1
        locked.save(update_fields=["plays_used", "updated_at"])
        now = timezone.now()
        play = ScreenerPlay.objects.create(
            grant=locked,
            user=actor,
            started_at=now,
            last_seen_at=now,
            ip_address=ip_address or None,
            user_agent=(user_agent or "")[:USER_AGENT_MAX],
            outside_link=outside_link,
        )
    grant.refresh_from_db(fields=["plays_used", "updated_at"])
    return play


def screener_progress_value(value) -> Decimal:
    """A player's reported position in seconds, or a ``ValidationError`` naming ``seconds``."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValidationError({"seconds": [_("Give the seconds watched as a number.")]})
    try:
        number = float(value)
    except ValueError as exc:
        raise ValidationError({"seconds": [_("Give the seconds watched as a number.")]}) from exc
    if not math.isfinite(number) or number < 0 or number > PROGRESS_MAX_SECONDS:
        raise ValidationError(
            {"seconds": [_("The seconds watched must be from 0 to %(max)d.") % {"max": PROGRESS_MAX_SECONDS}]}
        )
    return Decimal(str(round(number, 1)))


def screener_play_progress(*, play: ScreenerPlay, actor, seconds) -> ScreenerPlay:
    """Record how far the buyer watched: the largest position reported, capped at the video's
    duration. Side effects: updates the play's ``seconds_watched`` and ``last_seen_at``."""
    if play.user_id != actor.pk:
        raise PermissionDenied(_("This play is not yours."))
    value = screener_progress_value(seconds)
    duration = (
        ScreenerFile.objects.filter(film_id=play.grant.film_id).values_list("duration_seconds", flat=True).first()
    )
    if duration is not None:
        value = min(value, Decimal(duration))
    ScreenerPlay.objects.filter(pk=play.pk).update(
        seconds_watched=Greatest(F("seconds_watched"), value), last_seen_at=timezone.now()
    )
    play.refresh_from_db(fields=["seconds_watched", "last_seen_at"])
    return play


# --- Signed video addresses -------------------------------------------------------------------


class VideoTokenError(Exception):
    """A video address that does not hold: tampered with, for another grant or user, or expired."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        self.expired = expired
        super().__init__(message)


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=VIDEO_TOKEN_SALT)


def screener_video_token(*, play: ScreenerPlay) -> str:
    return _signer().sign(f"{play.grant_id}.{play.user_id}.{play.pk}")


def screener_video_url(*, play: ScreenerPlay) -> str:
    return reverse("market_screeners:video", args=[play.grant_id]) + "?t=" + screener_video_token(play=play)


def screener_video_token_check(token: str, *, grant_id: int, user_id: int | None) -> int:
    """The play id a video address carries, once it is checked against the grant and the user
    asking and is younger than ``SCREENER_URL_MAX_AGE``; raises ``VideoTokenError`` otherwise."""
    try:
        value = _signer().unsign(token or "", max_age=settings.SCREENER_URL_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise VideoTokenError(_("This video link expired; reload the player page."), expired=True) from exc
    except signing.BadSignature as exc:
        raise VideoTokenError(_("This video link is not valid (it was altered or cut short).")) from exc
    parts = value.split(".")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        raise VideoTokenError(_("This video link is not valid (it was altered or cut short)."))
    token_grant, token_user, play_id = (int(part) for part in parts)
    if token_grant != grant_id or token_user != user_id:
        raise VideoTokenError(_("This video link belongs to another screener grant or another person."))
    return play_id
