"""The campaigns notification kinds."""


def register() -> None:
    pass
