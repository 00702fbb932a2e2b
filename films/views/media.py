"""A film's poster and stills."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.pages import ask_first, bad_request, bound, form_errors_from
from films import forms, selectors, services
from films.enums import ImageKind
from films.views.common import editable_film

IMAGE_DELETE_CONSEQUENCE = gettext_lazy(
    "The image and its files are deleted for good: it leaves the film's page and the catalogue at once, "
    "and cannot be restored; to show it again you upload it again."
)


@login_required
@require_http_methods(["GET", "POST"])
def film_media(request: HttpRequest, pk: int) -> HttpResponse:
    film = editable_film(request, pk)
    form = forms.ImageForm(bound(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            image = services.film_image_add(
                film=film,
                actor=request.user,
                upload=form.cleaned_data["image"],
                kind=form.cleaned_data["kind"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            if image.revision_id:
                messages.success(
                    request,
                    _(
                        "The new poster waits for the agency’s approval; "
                        "the catalogue shows the current one until then."
                    ),
                )
            else:
                messages.success(request, _("The image has been added."))
            return redirect("films:film_media", pk=film.pk)
    images = list(film.images.all())
    return render(
        request,
        "films/film_media.html",
        {
            "film": film,
            "form": form,
            "posters": [i for i in images if i.kind == ImageKind.POSTER],
            "stills": [i for i in images if i.kind == ImageKind.STILL],
            "image_delete_consequence": IMAGE_DELETE_CONSEQUENCE,
            "held_poster": selectors.film_poster_held(film=film) if film.is_published else None,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def film_image_delete(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    film = editable_film(request, pk)
    image = selectors.film_image_get(film=film, image_id=image_pk)
    if image is None:
        raise Http404
    question = ask_first(
        request,
        title=_("Delete this image?"),
        subject=f"{film} · {image.get_kind_display()}{f' · {image.caption}' if image.caption else ''}",
        consequence=str(IMAGE_DELETE_CONSEQUENCE),
        button=_("Delete the image"),
        back=reverse("films:film_media", args=[film.pk]),
    )
    if question is not None:
        return question
    try:
        services.film_image_delete(image=image, actor=request.user)
    except ValidationError as exc:
        return bad_request(request, " ".join(exc.messages), back=reverse("films:film_media", args=[film.pk]))
    messages.success(request, _("The image has been deleted."))
    return redirect("films:film_media", pk=film.pk)
