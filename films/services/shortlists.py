"""Buyers' shortlists of published films."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.permissions import require_perm
from films.models import Film, Shortlist, ShortlistItem


def shortlist_create(*, owner, name: str) -> Shortlist:
    require_perm(owner, "films.add_shortlist", None, _("Only verified buyers keep shortlists."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the list a name.")]})
    if Shortlist.objects.filter(owner=owner, name__iexact=name).exists():
        raise ValidationError({"name": [_("You already have a list with this name.")]})
    return Shortlist.objects.create(owner=owner, name=name[:120])


def shortlist_rename(*, shortlist: Shortlist, actor, name: str) -> Shortlist:
    require_perm(actor, "films.change_shortlist", shortlist)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the list a name.")]})
    if Shortlist.objects.filter(owner=shortlist.owner, name__iexact=name).exclude(pk=shortlist.pk).exists():
        raise ValidationError({"name": [_("You already have a list with this name.")]})
    shortlist.name = name[:120]
    shortlist.save(update_fields=["name", "updated_at"])
    return shortlist


def shortlist_delete(*, shortlist: Shortlist, actor) -> None:
    require_perm(actor, "films.delete_shortlist", shortlist)
    shortlist.delete()


def shortlist_add_film(*, shortlist: Shortlist, actor, film: Film) -> ShortlistItem:
    require_perm(actor, "films.change_shortlist", shortlist)
    if not film.is_published:
        raise ValidationError({"film": [_("Only films in the catalogue can be shortlisted.")]})
    item, _created = ShortlistItem.objects.get_or_create(shortlist=shortlist, film=film)
    return item


def shortlist_remove_film(*, shortlist: Shortlist, actor, film: Film) -> None:
    require_perm(actor, "films.change_shortlist", shortlist)
    ShortlistItem.objects.filter(shortlist=shortlist, film=film).delete()
