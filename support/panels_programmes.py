"""The programmes panels of the support app."""


def register() -> None:
    pass
