"""Who may see and change export support.

Programmes are public once published and kept by agency admins. An application belongs to its
applicant company: the company's members see it and, as producers, edit, submit and withdraw
it; agency admins see every application, assign reviewers, decide, record payments. A reviewer
sees only the applications assigned to them, and scores them once they have declared no
conflict of interest. Scores, reviews and payments are commercial facts: never shown to other
companies, buyers or reviewers not assigned.
"""

import rules

from accounts.rules import is_agency_admin, is_producer, is_reviewer, member_of

is_applicant_member = member_of(lambda application: application.organization_id)
is_child_applicant_member = member_of(lambda child: child.application.organization_id)


@rules.predicate
def is_programme_public(user, programme) -> bool:
    return programme is not None and programme.published


def _assigned(user, application) -> bool:
    """Whether ``user`` is a reviewer assigned to ``application``; a selector may have read the
    answer already (``reviewer_ids``), which spares a query per row."""
    if application is None or not getattr(user, "is_authenticated", False):
        return False
    known = getattr(application, "reviewer_ids", None)
    if known is not None:
        return user.pk in known
    return application.reviews.filter(reviewer_id=user.pk).exists()


@rules.predicate
def is_assigned_reviewer(user, application) -> bool:
    return _assigned(user, application)


@rules.predicate
def is_own_review(user, review) -> bool:
    return review is not None and getattr(user, "pk", None) == review.reviewer_id


@rules.predicate
def is_blind_for_reviewers(user, application) -> bool:
    return application is not None and application.programme.blind_review


can_view_programme = is_programme_public | is_agency_admin
can_view_application = is_applicant_member | is_agency_admin | (is_reviewer & is_assigned_reviewer)
can_edit_application = is_applicant_member & is_producer
can_list_applications = is_producer | is_agency_admin | is_reviewer
can_view_review = is_agency_admin | is_own_review

# Blind review: reviewers do not learn which company applied (pages, API, exports alike).
can_see_applicant = is_agency_admin | is_applicant_member | ~is_blind_for_reviewers
rules.add_perm("support.see_applicant", can_see_applicant)
rules.add_perm("support.list_programmes", rules.always_allow)
rules.add_perm("support.list_applications", can_list_applications)
rules.add_perm("support.list_reviews", is_agency_admin | is_reviewer)
rules.add_perm("support.list_payments", is_producer | is_agency_admin)
rules.add_perm("support.apply", is_producer)
rules.add_perm("support.submit_application", can_edit_application)
rules.add_perm("support.withdraw_application", can_edit_application)
rules.add_perm("support.manage_application", is_agency_admin)
rules.add_perm("support.decide_application", is_agency_admin)
rules.add_perm("support.pay_application", is_agency_admin)
rules.add_perm("support.assign_reviewers", is_agency_admin)
rules.add_perm("support.view_scores", is_agency_admin | (is_reviewer & is_assigned_reviewer))
rules.add_perm("support.score_review", is_own_review)
rules.add_perm("support.view_programme_dashboard", is_agency_admin)

__all__ = ["is_agency_admin", "is_producer", "is_reviewer"]
