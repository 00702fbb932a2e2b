"""The meeting request form: whom, about which film, where, and up to five proposed times as
fixed rows (so it works without JavaScript). Times are entered in the user's own time zone.
Rules live in the services; this form only reads and types the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from markets.enums import MeetingPlace
from markets.services.meetings import SLOTS_MAX

_MOMENT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


def _moment_field(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        input_formats=_MOMENT_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class MeetingRequestForm(forms.Form):
    invitee = forms.TypedChoiceField(
        label=_("Whom you ask"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the people offered.")},
    )
    film = forms.TypedChoiceField(label=_("About the film"), coerce=int, required=False, empty_value=None)
    place = forms.ChoiceField(label=_("Where"), choices=MeetingPlace.choices, widget=forms.RadioSelect)
    edition = forms.ModelChoiceField(
        queryset=None,
        label=_("Market edition"),
        required=False,
        help_text=_("Needed to meet at a stand or the national pavilion."),
        error_messages={"invalid_choice": _("Choose a market edition from the list.")},
    )
    location = forms.CharField(
        label=_("Location"), required=False, max_length=200, help_text=_("Hall and stand, a café, a room.")
    )
    video_link = forms.CharField(
        label=_("Video link"), required=False, max_length=500, help_text=_("Online meetings: an https:// link.")
    )
    message = forms.CharField(
        label=_("Message"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, data=None, *, invitees, films, editions, zone_name: str, **kwargs) -> None:
        super().__init__(data, auto_id="meeting_%s", **kwargs)
        self.fields["invitee"].choices = [
            (user.pk, f"{user.display_name}{f' · {user.company}' if getattr(user, 'company', '') else ''}")
            for user in invitees
        ]
        if len(invitees) == 1:
            self.fields["invitee"].initial = invitees[0].pk
        self.fields["film"].choices = [("", _("No particular film"))] + [
            (film.pk, film.display_title()) for film in films
        ]
        self.fields["edition"].queryset = editions
        self.slot_rows = []
        for number in range(1, SLOTS_MAX + 1):
            start = f"slot_{number}_start"
            end = f"slot_{number}_end"
            self.fields[start] = _moment_field(_("Time %(n)d: start") % {"n": number})
            self.fields[end] = _moment_field(_("Time %(n)d: end") % {"n": number})
            self.slot_rows.append((number, start, end))
        self.zone_name = zone_name

    def slot_bound_fields(self):
        return [(number, self[start], self[end]) for number, start, end in self.slot_rows]

    def main_fields(self):
        return [self[name] for name in ("invitee", "film", "place", "edition", "location", "video_link", "message")]

    def clean(self):
        data = super().clean()
        pairs = []
        for number, start, end in self.slot_rows:
            starts_at, ends_at = data.get(start), data.get(end)
            if start in self.errors or end in self.errors:
                continue
            if starts_at and ends_at:
                pairs.append({"starts_at": starts_at, "ends_at": ends_at})
            elif starts_at or ends_at:
                self.add_error(
                    end if starts_at else start, _("Give both the start and the end of time %(n)d.") % {"n": number}
                )
        data["slots"] = pairs
        return data

    def service_input(self) -> dict:
        data = self.cleaned_data
        return {
            "slots": data["slots"],
            "place": data["place"],
            "edition": data.get("edition"),
            "location": data.get("location", ""),
            "video_link": data.get("video_link", ""),
            "message": data.get("message", ""),
        }


class MeetingAcceptForm(forms.Form):
    """The invitee's choice among the proposed times."""

    slot = forms.TypedChoiceField(label=_("The time you accept"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, data=None, *, slots, labels, **kwargs) -> None:
        super().__init__(data, auto_id="accept_%s", **kwargs)
        self.fields["slot"].choices = [(slot.pk, labels[slot.pk]) for slot in slots]
