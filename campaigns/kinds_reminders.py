"""The reminders notification kinds."""


def register() -> None:
    pass
