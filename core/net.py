"""The client's address, under one rule for every reader (throttles, sign-in limits).

``NUM_PROXIES`` says how many proxies in front of the portal append to ``X-Forwarded-For``.
With 0 (the default) the header is not trusted at all, since anyone can send it; otherwise the
address the outermost trusted proxy saw is taken, counting from the right. This is DRF's own
rule for ``NUM_PROXIES``, so the API's throttles and the pages' limits agree.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not proxies or not forwarded:
        return remote_addr
    addresses = [address.strip() for address in forwarded.split(",")]
    return addresses[-min(proxies, len(addresses))] or remote_addr
