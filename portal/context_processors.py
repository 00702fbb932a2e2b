from accounts.rules import (
    is_agency_admin,
    is_buyer,
    is_producer,
    is_reviewer,
    is_verified_buyer,
)


def navigation(request) -> dict:
    """The role flags the layout's navigation needs (memberships are read once per request)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "agency_admin": is_agency_admin(user),
            "reviewer": is_reviewer(user),
            "producer": is_producer(user),
            "buyer": is_buyer(user),
            "verified_buyer": is_verified_buyer(user),
        }
    }
