"""The form of the market screening pages. Times are typed in the market's zone: the views
read and show the form under ``timezone.override`` of that zone. Rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from markets.models.screenings import CAPACITY_MAX

_MOMENT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


def _moment_field(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=_MOMENT_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In the market's time zone."),
    )


class ScreeningForm(forms.Form):
    film = forms.TypedChoiceField(label=_("Film"), coerce=int, help_text=_("A published film of your company."))
    venue = forms.CharField(label=_("Venue"), max_length=200, help_text=_("e.g. Palais des Festivals"))
    room = forms.CharField(label=_("Room"), max_length=200, help_text=_("e.g. Salle Bazin"))
    starts_at = _moment_field(_("Starts"))
    ends_at = _moment_field(_("Ends"))
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=CAPACITY_MAX)
    note = forms.CharField(
        label=_("Note for buyers"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: language, subtitles, who introduces the film."),
    )

    def __init__(self, data=None, *, films=None, **kwargs) -> None:
        super().__init__(data, auto_id="screening_%s", **kwargs)
        if films is None:
            del self.fields["film"]
        else:
            self.fields["film"].choices = [("", "—"), *((film.pk, film.display_title()) for film in films)]
