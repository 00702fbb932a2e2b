"""``make bench``: seed a large catalogue on the configured database, then measure the catalogue;
then the markets (deal signing, buyers who might want a film, meetings, screener streaming),
export support and campaign sending.

Prints the seeding time, every catalogue request's SQL plans, a Markdown table of latency,
throughput and SQL queries, and the targets' verdicts, then each markets section. Targets are reported, not asserted:
the command fails only when it cannot measure.

The catalogue is measured with DEBUG off, in process (ping, the floor, the API and the HTML page
interleaved request by request: portal.bench.measure), then over HTTP through gunicorn with two
workers and a loopback load generator (portal.bench.server, portal.bench.loadgen; on PostgreSQL
unless --no-http, elsewhere with --http).
"""

import contextlib
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client, override_settings

from portal.bench import report
from portal.bench.buyers import bench_buyers
from portal.bench.calendar import bench_calendar
from portal.bench.campaigns import bench_campaigns
from portal.bench.deals import bench_deals
from portal.bench.imports import bench_imports
from portal.bench.measure import (
    ANONYMOUS,
    HOME,
    KEPT,
    PAGE_PATH,
    SCENARIOS,
    BenchError,
    Floor,
    Measurement,
    Scenario,
    catalogue_cache_for,
    debug_off,
    deep_scenarios,
    endpoint_find,
    measure,
    ping_path,
    throttle_check,
)
from portal.bench.meetings import bench_meetings
from portal.bench.reminders import bench_reminders
from portal.bench.screeners import bench_screeners
from portal.bench.seed import SeedSize, bench_user, seed, seed_delete
from portal.bench.server import WORKERS, HttpMeasurement, gunicorn_serving, measure_http
from portal.bench.support import bench_support

POSTGRES_SIZE = SeedSize(films=100_000, rights_per_film=20, buyers=10_000)
SMALL_SIZE = SeedSize(films=2_000, rights_per_film=20, buyers=200)


class Command(BaseCommand):
    help = "Seed a large catalogue (once per size) and measure catalogue requests: latency, SQL queries, plans."

    def add_arguments(self, parser: CommandParser) -> None:
        default = POSTGRES_SIZE if connection.vendor == "postgresql" else SMALL_SIZE
        parser.add_argument("--films", type=int, default=default.films, help="published films to seed")
        parser.add_argument("--rights-per-film", type=int, default=default.rights_per_film, help="rights rows a film")
        parser.add_argument("--buyers", type=int, default=default.buyers, help="buyer companies to seed")
        parser.add_argument("--requests", type=int, default=200, help="timed requests per measured request")
        parser.add_argument("--warmup", type=int, default=20, help="untimed requests before each measurement")
        parser.add_argument(
            "--max-seconds",
            type=float,
            default=20.0,
            help="stop timing a request type after this long (at least 10 requests), to bound slow ones",
        )
        parser.add_argument(
            "--endpoint",
            choices=["auto", "api", "page", "bench"],
            default="auto",
            help="catalogue to measure; auto takes the films API, else the page, else a bench-only view",
        )
        parser.add_argument("--seed", type=int, default=42, help="random seed of the generated catalogue")
        parser.add_argument("--report", type=Path, help="also write the results as Markdown to this file")
        parser.add_argument("--delete", action="store_true", help="remove the benchmark's data and stop")
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off")
        parser.add_argument(
            "--only",
            choices=["catalogue", "markets", "support", "campaigns", "reminders", "calendar", "imports"],
            help="measure only the catalogue, only the markets (deals, buyers, meetings, screener streaming), "
            "only export support (a programme's ranked list and dashboard), "
            "only campaigns (one campaign sent to 50,000 buyers) "
            "or only the reminder sweep (10 and 10,000 reminders due)",
        )
        parser.add_argument(
            "--programmes",
            type=int,
            help="support programmes to seed (default 50; 10 on SQLite; fewer with fewer --films)",
        )
        parser.add_argument(
            "--applications",
            type=int,
            help="support applications to seed (default 20,000; 2,000 on SQLite; fewer with fewer --films)",
        )
        parser.add_argument(
            "--campaign-buyers",
            type=int,
            help="verified buyers one campaign is sent to (default 50,000; 5,000 on SQLite)",
        )
        parser.add_argument(
            "--http",
            action="store_true",
            help="after the in-process rounds, also measure over HTTP through gunicorn (default on PostgreSQL)",
        )
        parser.add_argument("--no-http", action="store_true", help="skip the HTTP mode")
        parser.add_argument("--http-seconds", type=float, default=5.0, help="seconds per concurrency level")
        parser.add_argument(
            "--concurrency", default="1,4,8", help="the HTTP mode's concurrency levels, comma-separated"
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("DEBUG is off: the benchmark would seed 100,000 films into a real database; --force.")
        # DEBUG on only guards the seeding above; everything is measured with it off.
        with debug_off():
            self._handle(options)

    def _handle(self, options: dict) -> None:
        if options["delete"]:
            seed_delete()
            self.stdout.write(self.style.SUCCESS("Removed the benchmark's films, companies and user."))
            return
        try:
            only = options["only"]
            document = self._run(options) if only in (None, "catalogue") else "# Benchmark\n"
            if only in (None, "markets"):
                document += self._markets()
            if only in (None, "support"):
                document += self._support(options)
            if only in (None, "campaigns"):
                document += self._campaigns(options)
            if only in (None, "reminders"):
                document += self._reminders(options)
            if only in (None, "calendar"):
                document += self._calendar(options)
            if only in (None, "imports"):
                document += self._imports(options)
        except BenchError as exc:
            raise CommandError(str(exc)) from exc
        if options["report"]:
            options["report"].write_text(document, encoding="utf-8")
            self.stdout.write(f"\nWrote {options['report']}.")

    def _markets(self) -> str:
        """The markets' measurements, each seeding what it needs: signing a deal over 200 rights
        rows, the buyers who might want a film among 10,000, a person's 3,000 meetings, and
        streaming a 200 MB screener. Returns their Markdown sections."""
        sections = []
        for bench in (bench_deals, bench_buyers, bench_meetings, bench_screeners):
            self.stdout.write(self.style.MIGRATE_HEADING(f"Markets: {bench.__name__.removeprefix('bench_')}"))
            section = bench(write=self.stdout.write)
            self.stdout.write(section)
            sections.append(section)
        return "\n\n" + "\n\n".join(sections)

    def _support(self, options: dict) -> str:
        """Export support: the ranked list of one programme and its dashboard among 50 programmes
        and 20,000 applications with scored reviews (smaller on SQLite). Returns its Markdown."""
        default = POSTGRES_SIZE if connection.vendor == "postgresql" else SMALL_SIZE
        base_programmes, base_applications = (50, 20_000) if connection.vendor == "postgresql" else (10, 2_000)
        # A trial run on a smaller catalogue than the default seeds support in proportion.
        ratio = min(1.0, max(options.get("films") or default.films, 1) / default.films)
        programmes = options.get("programmes") or max(2, int(base_programmes * ratio))
        applications = options.get("applications") or max(20, int(base_applications * ratio))
        if programmes < 1 or applications < 1:
            raise BenchError("--programmes and --applications must be at least 1.")
        self.stdout.write(self.style.MIGRATE_HEADING("Export support: ranked list and programme dashboard"))
        try:
            section = bench_support(write=self.stdout.write, programmes=programmes, applications=applications)
        except AssertionError as exc:
            raise BenchError(str(exc)) from exc
        self.stdout.write(section)
        return "\n\n" + section

    def _reminders(self, options: dict) -> str:
        """The reminder sweep with 10 and with 10,000 reminders due among 10,000 festival editions,
        100,000 submissions and 50,000 followers (in proportion to a smaller --films). Returns its
        Markdown."""
        default = POSTGRES_SIZE if connection.vendor == "postgresql" else SMALL_SIZE
        ratio = min(1.0, max(options.get("films") or default.films, 1) / POSTGRES_SIZE.films)
        submissions = max(500, int(100_000 * ratio))
        people = max(200, int(50_000 * ratio))
        due_large = max(100, int(10_000 * ratio) // 100 * 100)
        editions = max(int(10_000 * ratio), (due_large // 100 + 21) * 10)
        self.stdout.write(self.style.MIGRATE_HEADING("Reminder sweep: 10 and many reminders due"))
        try:
            section = bench_reminders(
                write=self.stdout.write,
                submissions=submissions,
                editions=editions,
                people=people,
                due_large=due_large,
            )
        except (AssertionError, ValueError) as exc:
            raise BenchError(str(exc)) from exc
        self.stdout.write(section)
        return "\n\n" + section

    def _calendar(self, options: dict) -> str:
        """The public deadlines feed over 80,000 upcoming deadlines (in proportion to a smaller
        --films): built afresh, built and kept, served kept. Returns its Markdown."""
        ratio = min(1.0, max(options.get("films") or POSTGRES_SIZE.films, 1) / POSTGRES_SIZE.films)
        self.stdout.write(self.style.MIGRATE_HEADING("Festival deadlines feed: afresh and kept"))
        try:
            section = bench_calendar(write=self.stdout.write, deadlines=max(400, int(80_000 * ratio)))
        except AssertionError as exc:
            raise BenchError(str(exc)) from exc
        self.stdout.write(section)
        return "\n\n" + section

    def _imports(self, options: dict) -> str:
        """The CSV film import of 100 and 2,000 rows (in proportion to a smaller --films): rows a
        second and queries. Returns its Markdown."""
        ratio = min(1.0, max(options.get("films") or POSTGRES_SIZE.films, 1) / POSTGRES_SIZE.films)
        rows = max(200, int(2_000 * ratio))
        self.stdout.write(self.style.MIGRATE_HEADING("Film import: rows a second"))
        try:
            section = bench_imports(write=self.stdout.write, rows=rows, small=rows // 20)
        except AssertionError as exc:
            raise BenchError(str(exc)) from exc
        self.stdout.write(section)
        return "\n\n" + section

    def _campaigns(self, options: dict) -> str:
        """One campaign sent to 50,000 verified buyers (5,000 on SQLite) in batches: the send rate
        and the worker's memory per batch. Returns its Markdown."""
        buyers = options.get("campaign_buyers") or (50_000 if connection.vendor == "postgresql" else 5_000)
        if buyers < 1:
            raise BenchError("--campaign-buyers must be at least 1.")
        self.stdout.write(self.style.MIGRATE_HEADING("Campaigns: sending one campaign"))
        try:
            section = bench_campaigns(write=self.stdout.write, buyers=buyers)
        except AssertionError as exc:
            raise BenchError(str(exc)) from exc
        self.stdout.write(section)
        return "\n\n" + section

    def _run(self, options: dict) -> str:
        write = self.stdout.write
        size = SeedSize(films=options["films"], rights_per_film=options["rights_per_film"], buyers=options["buyers"])
        if min(size.films, size.buyers) < 1:
            raise BenchError("--films and --buyers must be at least 1.")
        requests, warmup = max(options["requests"], 2), max(options["warmup"], 0)
        max_seconds = max(options["max_seconds"], 0.0)
        levels = self._levels(options["concurrency"])
        if connection.vendor != "postgresql":
            write(
                self.style.WARNING(
                    f"Database: {connection.vendor}. The targets apply to PostgreSQL; here they are reported only."
                )
            )

        heading = f"Seeding {size.films:,} films, {size.rights:,} rights rows, {size.buyers:,} buyers"
        write(self.style.MIGRATE_HEADING(heading))
        started = time.perf_counter()
        seeded = seed(size=size, write=write, seed_value=options["seed"])
        seed_seconds = time.perf_counter() - started if seeded else None

        scenarios = [*SCENARIOS, *ANONYMOUS, *KEPT, *HOME]
        with contextlib.ExitStack() as stack:
            buyer, visitor = Client(), Client()
            buyer.force_login(bench_user())

            write(self.style.MIGRATE_HEADING("Finding the catalogue endpoint"))
            endpoint = endpoint_find(buyer, choice=options["endpoint"], write=write)
            if endpoint.urlconf:
                stack.enter_context(override_settings(ROOT_URLCONF=endpoint.urlconf))
            write(f"  measuring through the {endpoint.label}, the page {PAGE_PATH} and the home page")
            if endpoint.kind == "api":
                deep = deep_scenarios(buyer, endpoint.path)
                scenarios[len(SCENARIOS) : len(SCENARIOS)] = deep
            throttle_check(endpoint=endpoint, requests=len(scenarios) * 2 * (requests + warmup + 6))

            load_before = report.load_average()
            write(self.style.MIGRATE_HEADING(f"Measuring in process: {requests} rounds each after {warmup} warm-up"))
            write(f"  DEBUG {'on' if settings.DEBUG else 'off'}; load average (1/5/15 min): {load_before}")
            results, floors = [], {}
            for scenario in scenarios:
                with catalogue_cache_for(scenario):
                    result, floor = measure(
                        visitor if scenario.anonymous else buyer,
                        scenario=scenario,
                        path=endpoint.path,
                        endpoint=endpoint,
                        requests=requests,
                        warmup=warmup,
                        max_seconds=max_seconds,
                    )
                self._progress(result)
                results.append(result)
                if floor is not None:
                    floors[scenario.key] = floor
            session = buyer.cookies[settings.SESSION_COOKIE_NAME].value

        catalogue = [r for r in results if not r.scenario.home]
        write(self.style.MIGRATE_HEADING("SQL plans of each catalogue request"))
        write(report.plans(catalogue))
        env = report.environment()
        write(self.style.MIGRATE_HEADING("Results in process"))
        write(f"{env.date}; {env.machine}; {env.database}; {env.software}; DEBUG {'on' if env.debug else 'off'}")
        write(f"Load average (1/5/15 min): {env.load} at the end; before measuring: {load_before}")
        write(f"Catalogue measured through the {endpoint.label} and the page {PAGE_PATH}.\n")
        write(report.table(results))
        write("")
        for line in report.verdicts(results):
            write(self.style.SUCCESS(line) if line.startswith("- PASS") else self.style.ERROR(line))
        if connection.vendor != "postgresql":
            write(self.style.WARNING("The targets apply to PostgreSQL; on this database they are reported only."))

        http, http_note, load_between = None, "", ""
        if options["no_http"] or not (options["http"] or connection.vendor == "postgresql"):
            http_note = "Not measured in this run (`--no-http`, or not on PostgreSQL without `--http`)."
        elif endpoint.kind != "api":
            http_note = f"Not measured: the catalogue API does not answer ({endpoint.label} measured instead)."
        else:
            http = self._http(
                [s for s in scenarios if not s.cached],
                floors=floors,
                api_path=endpoint.path,
                session=session,
                levels=levels,
                seconds=max(options["http_seconds"], 0.0),
            )
            load_between = env.load
            env = report.environment()
            write(f"Load average (1/5/15 min): {env.load} after the HTTP mode")
        return report.document(
            env=env,
            load_before=load_before,
            endpoint=endpoint,
            size=size,
            seed_seconds=seed_seconds,
            requests=requests,
            warmup=warmup,
            max_seconds=max_seconds,
            results=results,
            http=http,
            http_note=http_note,
            load_between=load_between,
        )

    def _levels(self, text: str) -> tuple[int, ...]:
        try:
            levels = tuple(int(part) for part in text.split(","))
        except ValueError:
            levels = ()
        if not levels or min(levels) < 1:
            raise BenchError(f"--concurrency takes positive whole numbers separated by commas, not {text!r}.")
        return levels

    def _http(
        self,
        scenarios: list[Scenario],
        *,
        floors: dict[str, Floor],
        api_path: str,
        session: str,
        levels: tuple[int, ...],
        seconds: float,
    ) -> list[HttpMeasurement]:
        """Every fresh request type over HTTP, gunicorn started for it and stopped after."""
        write = self.stdout.write
        write(self.style.MIGRATE_HEADING(f"Measuring over HTTP: gunicorn, {WORKERS} workers, DEBUG off"))
        write(f"  load average (1/5/15 min): {report.load_average()}")
        with gunicorn_serving(floors, ready_path=ping_path()) as server:
            write(f"  gunicorn answering on {server.host}:{server.port}; concurrency {levels}, {seconds:g} s a level")
            measured = measure_http(
                server,
                scenarios,
                api_path=api_path,
                session_cookie=session,
                levels=levels,
                seconds=seconds,
                progress=self._http_progress,
            )
        write("")
        write(report.http_table(measured))
        return measured

    def _http_progress(self, m: HttpMeasurement) -> None:
        parts = "  ".join(
            f"{part} {r.throughput:7,.1f}/s p50 {r.percentile_ms(50):6.1f} ms" for part, r in m.results.items()
        )
        self.stdout.write(f"  {m.scenario.name[:34]:<34} {m.scenario.visitor[:9]:<9} c={m.concurrency}  {parts}")

    def _progress(self, result: Measurement) -> None:
        parts = "  ".join(
            f"{part} {t.median_ms:6.1f} ms ({t.throughput:6,.0f}/s)" for part, t in result.timings.items()
        )
        self.stdout.write(
            f"  {result.scenario.name[:40]:<40} {result.scenario.visitor[:9]:<9} {parts}  ({result.rounds} rounds)"
        )
