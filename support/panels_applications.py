"""The applications panels of the support app."""


def register() -> None:
    pass
