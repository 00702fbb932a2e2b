"""Forms of the decision, payment and final report pages. Rules live in the services; these forms
only read and type the input."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.money import MoneyFormField

APPROVE, REJECT = "approve", "reject"


def _fixed_currency(field: MoneyFormField, currency: str) -> None:
    """The currency select offers the one currency the amount must be in."""
    field.widget.widgets[1].choices = [(currency, currency)]


class DecisionForm(forms.Form):
    """Approve with a granted amount (and an optional report date), or reject with a reason."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (REJECT, pgettext_lazy("support application", "Reject"))],
        widget=forms.RadioSelect,
        initial=APPROVE,
    )
    granted = MoneyFormField(
        label=_("Granted amount"), help_text=_("At most the ceiling shown above, in the programme's currency.")
    )
    report_due = forms.DateField(
        label=_("Final report due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for the programme's usual delay."),
    )
    note = forms.CharField(
        label=_("Reason or note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to reject: the applicant reads it."),
    )

    def __init__(self, data=None, *, currency: str, ceiling=None, **kwargs) -> None:
        super().__init__(data, auto_id="decision_%s", initial={"granted": ceiling, "decision": APPROVE}, **kwargs)
        _fixed_currency(self.fields["granted"], currency)


class PaymentForm(forms.Form):
    """One tranche of a grant."""

    amount = MoneyFormField(label=_("Amount paid"), required=True)
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Payment reference"), required=False, max_length=100)

    def __init__(self, data=None, *, currency: str, left=None, today=None, **kwargs) -> None:
        super().__init__(data, auto_id="payment_%s", initial={"amount": left, "paid_on": today}, **kwargs)
        _fixed_currency(self.fields["amount"], currency)


class FinalReportForm(forms.Form):
    actual_costs = MoneyFormField(
        label=_("Actual costs"), required=True, help_text=_("What the funded activity cost, in the granted currency.")
    )
    attendance = forms.IntegerField(
        label=_("Attendance"),
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        help_text=_("People who attended the screenings or events, if known."),
    )
    results = forms.CharField(
        label=_("Results"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Selections, awards, deals, press and what came of the trip. Selections and deals the portal "
            "knows of are linked for you."
        ),
    )

    def __init__(self, data=None, *, currency: str, **kwargs) -> None:
        super().__init__(data, auto_id="report_%s", **kwargs)
        _fixed_currency(self.fields["actual_costs"], currency)
