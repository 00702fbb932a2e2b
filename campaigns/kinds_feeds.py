"""The feeds notification kinds."""


def register() -> None:
    pass
