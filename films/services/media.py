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


@transaction.atomic
def film_image_add(*, film: Film, actor, upload, kind: str = ImageKind.POSTER, caption: str = "") -> FilmImage:
    """Check an uploaded poster or still and store it with its resized copies.

    A new poster replaces the old one (whose files are removed). Nothing is stored when the
    file is refused.
    """
    require_perm(actor, "films.change_film", film)
    if kind not in ImageKind.values:
        raise ValidationError({"kind": [_("Choose poster or still.")]})
    checked = image_check(upload)
    image = FilmImage(film=film, kind=kind, width=checked.width, height=checked.height, caption=caption[:200])
    image.original.save(checked.original.name, checked.original, save=False)
    image.display.save(checked.display.name, checked.display, save=False)
    image.thumbnail.save(checked.thumbnail.name, checked.thumbnail, save=False)
    if kind == ImageKind.POSTER:
        for old in film.images.filter(kind=ImageKind.POSTER):
            _image_files_delete(old)
            old.delete()
    image.save()
    CATALOGUE_ANSWERS.invalidate()
    return image


@transaction.atomic
def film_image_delete(*, image: FilmImage, actor) -> None:
    require_perm(actor, "films.change_film", image.film)
    _image_files_delete(image)
    image.delete()
    CATALOGUE_ANSWERS.invalidate()
