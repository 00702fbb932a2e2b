"""The reminder settings form: offsets typed as whole days, separated by commas."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from campaigns.models.reminders import REMINDER_OFFSETS_DEFAULT
from campaigns.services.reminders import reminder_offsets_clean


class ReminderSettingForm(forms.Form):
    offsets = forms.CharField(
        label=_("Days before a deadline"),
        max_length=100,
        help_text=_("Up to six whole numbers of days between 1 and 365, separated by commas (default: %(days)s).")
        % {"days": ", ".join(str(d) for d in REMINDER_OFFSETS_DEFAULT)},
    )

    def clean_offsets(self) -> list[int]:
        text = self.cleaned_data["offsets"]
        if "\x00" in text:
            raise ValidationError(_("Null characters are not allowed."))
        parts = [p for p in re.split(r"[,\s，、]+", text) if p]
        if any(not p.isascii() or not p.isdigit() for p in parts):
            raise ValidationError(_("Each offset is a whole number of days."))
        # The service's rules (range, count, duplicates), reported on this field.
        try:
            return reminder_offsets_clean([int(p) for p in parts])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["offsets"]) from exc
