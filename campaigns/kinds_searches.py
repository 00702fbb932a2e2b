"""The searches notification kinds."""


def register() -> None:
    pass
