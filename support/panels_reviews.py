"""The reviews panels of the support app."""


def register() -> None:
    pass
