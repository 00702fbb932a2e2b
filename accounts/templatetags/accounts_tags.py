"""Template tags of accounts: the notice a member of an unverified producer company sees."""

from django import template

from accounts.selectors import organization_list_unverified_producers

register = template.Library()


@register.inclusion_tag("accounts/includes/producer_verification_notice.html", takes_context=True)
def producer_verification_notices(context, organization=None) -> dict:
    """A notice for each producer company of the signed-in user that the agency has not verified
    (only ``organization``'s when given, e.g. on a film's page): its status and what to do next.
    Costs no query when every company of the user is verified."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"organizations": []}
    organizations = organization_list_unverified_producers(user=user)
    if organization is not None:
        organizations = [organization] if organization.pk in {o.pk for o in organizations} else []
    return {"organizations": list(organizations), "request": request}
