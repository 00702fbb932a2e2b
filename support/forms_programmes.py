"""Forms of the programmes' pages: the public list's kind filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from support.enums import ProgrammeKind


class ProgrammeFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of support"), required=False, choices=[("", _("All kinds")), *ProgrammeKind.choices]
    )
