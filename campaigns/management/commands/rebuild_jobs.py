"""Find every due job again from the database, e.g. after the broker lost its messages.

Every periodic task of ``settings.CELERY_BEAT_SCHEDULE`` is a sweep that looks in the database
for work that is due (e-mails to send, digests, reminders, campaigns) and hands it to workers;
the database, not the broker, says what is due. So rebuilding the queue is running each sweep
once more: queued for the workers (the default), or run here with ``--now``. Each sweep claims
its rows or writes unique rows before it sends, so running this twice sends nothing twice.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.celery import app


class Command(BaseCommand):
    help = (
        "Run every periodic sweep of the beat schedule once, so each job due in the database is "
        "handed to workers again (after a broker loss). Safe to run repeatedly."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--now",
            action="store_true",
            help="Run each sweep here, one after the other, rather than queueing it for a worker.",
        )
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            metavar="ENTRY",
            help="Only this entry of the beat schedule (may be given more than once).",
        )

    def handle(self, *args, now: bool = False, only: list[str] | None = None, **options) -> None:
        schedule = settings.CELERY_BEAT_SCHEDULE
        unknown = sorted(set(only or []) - set(schedule))
        if unknown:
            raise CommandError(f"No such entry in CELERY_BEAT_SCHEDULE: {', '.join(unknown)}.")
        # What a worker does on start: import every app's tasks module, so each task is known here.
        app.loader.import_default_modules()
        failed = []
        for name, entry in schedule.items():
            if only and name not in only:
                continue
            task = app.tasks.get(entry["task"])
            if task is None:
                self.stderr.write(f"{name}: no task named {entry['task']} is registered.")
                failed.append(name)
                continue
            call = {"args": tuple(entry.get("args", ())), "kwargs": dict(entry.get("kwargs", {}))}
            try:
                if now:
                    found = task.apply(**call).get()
                    self.stdout.write(f"{name}: ran here, found {found}.")
                    continue
                result = task.apply_async(**call)
            except Exception as exc:  # report each sweep and go on: the others may still run
                self.stderr.write(f"{name}: failed: {exc!r}")
                failed.append(name)
                continue
            if result.ready():  # Celery runs tasks eagerly (tests, a broker-less setup)
                self.stdout.write(f"{name}: queued and run at once, found {result.get()}.")
            else:
                self.stdout.write(f"{name}: queued for a worker (task {result.id}).")
        if failed:
            raise CommandError(f"Not rebuilt: {', '.join(failed)}. Run again once the cause is fixed.")
        self.stdout.write(self.style.SUCCESS("Every due job has been looked for again."))
