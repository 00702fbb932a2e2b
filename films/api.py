"""Films API: serializers and viewsets, registered on the project's router by ``register``."""


def register(router) -> None:
    """Add the films endpoints to the API router."""
