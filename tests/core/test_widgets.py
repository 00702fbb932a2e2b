"""core.widgets.CheckboxSearchSelect: a long multiple choice as checkboxes in a list that works
without JavaScript, grouped when its choices are, with the hooks static/js/choices.js reads."""

from django import forms

from core.widgets import CheckboxSearchSelect


class Pick(forms.Form):
    flat = forms.MultipleChoiceField(
        choices=[("CN", "China"), ("FR", "France")], widget=CheckboxSearchSelect(filter_label="Filter the flat list")
    )
    grouped = forms.MultipleChoiceField(
        choices=[("Regions", [("EU", "Europe")]), ("Countries", [("CN", "China"), ("FR", "France")])],
        widget=CheckboxSearchSelect(),
        required=False,
    )


def test_a_flat_list_renders_checkboxes_with_the_filter_hooks():
    html = str(Pick(initial={"flat": ["FR"]})["flat"])

    assert 'data-choice-search data-filter-label="Filter the flat list"' in html
    assert 'id="id_flat_list"' in html
    assert html.count("<li data-choice>") == 2
    assert '<input type="checkbox" name="flat" value="FR" id="id_flat_1" checked>' in html
    assert "<select" not in html


def test_grouped_choices_keep_their_group_names():
    html = str(Pick()["grouped"])

    assert '<span class="choice-search-group-name">Regions</span>' in html
    assert '<span class="choice-search-group-name">Countries</span>' in html
    assert html.count("<li data-choice>") == 3
    assert 'data-filter-label="Filter the list"' in html


def test_the_field_renders_in_a_fieldset_with_its_label_as_legend():
    assert Pick()["flat"].use_fieldset is True


def test_a_posted_choice_outside_the_list_is_refused():
    form = Pick({"flat": ["XX"]})

    assert form.errors == {"flat": ["Select a valid choice. XX is not one of the available choices."]}
