"""Form widgets every app's forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CheckboxSearchSelect(forms.CheckboxSelectMultiple):
    """A long multiple choice (countries, languages) as checkboxes in a scrollable list, which
    works without JavaScript; ``static/js/choices.js`` adds a filter box above it and a line
    naming what is chosen. Rendered inside a fieldset (``use_fieldset``) so its label is the
    legend. No inline script or style: the Content-Security-Policy allows neither."""

    template_name = "core/widgets/checkbox_search.html"

    def __init__(self, attrs=None, choices=(), *, filter_label=None) -> None:
        super().__init__(attrs, choices)
        self.filter_label = filter_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["filter_label"] = self.filter_label or _("Filter the list")
        context["widget"]["chosen_label"] = _("Chosen:")
        context["widget"]["none_label"] = _("none yet")
        context["widget"]["no_match_label"] = _("Nothing matches the filter.")
        return context
