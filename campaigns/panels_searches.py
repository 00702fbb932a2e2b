"""The searches panels."""


def register() -> None:
    pass
