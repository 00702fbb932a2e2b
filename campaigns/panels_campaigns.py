"""The campaigns panels."""


def register() -> None:
    pass
