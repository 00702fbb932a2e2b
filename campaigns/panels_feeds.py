"""The feeds panels."""


def register() -> None:
    pass
