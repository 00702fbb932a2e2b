"""Forms of the review pages: assigning a reviewer, the declaration of (no) conflict of interest,
and the score sheet (one 1–5 choice and a comment per criterion of the rubric). Rules live in the
services; these forms only read and type the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from support.enums import Score

COMMENT_MAX = 4000


class ReviewAssignForm(forms.Form):
    """An admin assigns a reviewer. The list offers the eligible reviewers only; any user id is
    read, so that the service can say why one is refused (a conflict of interest, not a reviewer)."""

    reviewer = forms.ModelChoiceField(
        queryset=User.objects.all(),
        label=_("Reviewer"),
        help_text=_("Reviewers who belong to the applicant company are left out: a conflict of interest."),
        error_messages={"invalid_choice": _("Choose an active user with the reviewer role.")},
    )

    def __init__(self, data=None, *, eligible, **kwargs) -> None:
        super().__init__(data, auto_id="assign_%s", **kwargs)
        self.fields["reviewer"].widget.choices = [("", "—")] + [(user.pk, user.display_name) for user in eligible]


class ReviewDeclareForm(forms.Form):
    no_conflict = forms.TypedChoiceField(
        label=_("Conflict of interest"),
        choices=[
            ("true", _("I have no conflict of interest with the applicant")),
            ("false", _("I have a conflict of interest: I recuse myself from this review")),
        ],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
        help_text=_(
            "A conflict: you work for or with the applicant company, hold a stake in the film, or are "
            "close to the people behind it."
        ),
    )
    note = forms.CharField(
        label=_("Note for the agency (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, data=None, **kwargs) -> None:
        super().__init__(data, auto_id="declare_%s", **kwargs)


class ReviewScoreForm(forms.Form):
    """A score (optional while a draft) and a comment per criterion, and an overall comment."""

    def __init__(self, data=None, *, criteria, review, **kwargs) -> None:
        super().__init__(data, auto_id="score_%s", **kwargs)
        self.criteria = criteria
        saved = {score.criterion_id: score for score in review.scores.all()}
        for criterion in criteria:
            score = saved.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("Score"),
                choices=Score.choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                initial=score.score if score else None,
                error_messages={"invalid_choice": _("Give a score from 1 to 5.")},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=COMMENT_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=score.comment if score else "",
            )
        self.fields["comment"] = forms.CharField(
            label=_("Overall comment"),
            required=False,
            max_length=COMMENT_MAX,
            widget=forms.Textarea(attrs={"rows": 4}),
            initial=review.comment,
        )

    def clean(self) -> dict:
        data = super().clean()
        for c in self.criteria:
            score, comment = f"score_{c.pk}", f"comment_{c.pk}"
            if data.get(score) is None and data.get(comment) and not self.has_error(score):
                self.add_error(score, _("Give a score with your comment: a comment alone is not kept."))
        return data

    def rows(self) -> list[tuple]:
        """``(criterion, score field, comment field)`` per criterion, for the template."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {
            c.pk: {"score": data.get(f"score_{c.pk}"), "comment": data.get(f"comment_{c.pk}", "")}
            for c in self.criteria
            if data.get(f"score_{c.pk}") is not None
        }
