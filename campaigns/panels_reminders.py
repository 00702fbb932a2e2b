"""The reminders panels."""


def register() -> None:
    pass
