"""Posters and stills: checked by content, resized, removed with their files."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.permissions import require_perm
from films.enums import ImageKind
from films.images import image_check
from films.models import Film, FilmImage
from films.selectors import CATALOGUE_ANSWERS


def _image_files_delete(image: FilmImage) -> None:
    for field in (image.original, image.display, image.thumbnail):
        if field:
            field.delete(save=False)


def _image_store(*, film: Film, upload, kind: str, caption: str) -> FilmImage:
    """Check an upload and make its image with the resized copies' files (not yet saved)."""
    if kind not in ImageKind.values:
        raise ValidationError({"kind": [_("Choose poster or still.")]})
    checked = image_check(upload)
    image = FilmImage(film=film, kind=kind, width=checked.width, height=checked.height, caption=caption[:200])
    image.original.save(checked.original.name, checked.original, save=False)
    image.display.save(checked.display.name, checked.display, save=False)
    image.thumbnail.save(checked.thumbnail.name, checked.thumbnail, save=False)
    return image


def _posters_replace(film: Film, image: FilmImage) -> None:
    """Make ``image`` the film's one shown poster, removing the others and their files."""
    for old in FilmImage.objects.filter(film=film, kind=ImageKind.POSTER).exclude(pk=image.pk):
        _image_files_delete(old)
        old.delete()


@transaction.atomic
def film_image_add_now(*, film: Film, actor, upload, kind: str = ImageKind.POSTER, caption: str = "") -> FilmImage:
    """Check an uploaded poster or still and store it with its resized copies, shown at once.

    A new poster replaces the old one (whose files are removed). Nothing is stored when the
    file is refused. (``films.services.film_image_add`` holds a published film's new poster for
    approval instead.)
    """
    require_perm(actor, "films.change_film", film)
    image = _image_store(film=film, upload=upload, kind=kind, caption=caption)
    image.save()
    if kind == ImageKind.POSTER:
        _posters_replace(film, image)
    CATALOGUE_ANSWERS.invalidate()
    return image


@transaction.atomic
def film_image_delete(*, image: FilmImage, actor) -> None:
    """Delete a still, or the poster of a film that is not published (a published film keeps its
    poster until the agency approves a new one)."""
    require_perm(actor, "films.change_film", image.film)
    if image.kind == ImageKind.POSTER and image.film.is_published:
        raise ValidationError(
            {
                "image": [
                    _(
                        "A published film keeps its poster. Upload a new one instead: it replaces this one "
                        "once the agency approves it."
                    )
                ]
            },
            code="published_poster",
        )
    _image_files_delete(image)
    image.delete()
    CATALOGUE_ANSWERS.invalidate()
