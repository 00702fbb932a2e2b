from django import forms

from notifications.enums import EmailMode


class PreferencesForm(forms.Form):
    """One e-mail choice per kind of notification (in-app notifications are always on)."""

    def __init__(self, *args, rows, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for spec, mode in rows:
            self.fields[spec.code] = forms.ChoiceField(label=spec.label, choices=EmailMode.choices, initial=mode)
