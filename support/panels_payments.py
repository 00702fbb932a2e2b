"""The payments panels of the support app."""


def register() -> None:
    pass
