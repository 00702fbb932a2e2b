"""The bench's HTTP mode: the loopback load generator's interleaved rounds (against a tiny
in-test server), its table, and gunicorn started and stopped around a block."""

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from portal.bench import report
from portal.bench.loadgen import LoadError, LoadResult, Target, load_run
from portal.bench.measure import HOME, SCENARIOS, Floor
from portal.bench.server import HttpMeasurement, gunicorn_serving, targets_for


class _Handler(BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):
        self.seen.append(self.path)
        status = 500 if self.path == "/broken/" else 200
        body = b'{"ok": true}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Handler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_the_load_generator_interleaves_its_targets_round_by_round(server):
    host, port = server.server_address
    targets = [Target("ping", "/ping/"), Target("floor", "/floor/"), Target("api", "/api/")]

    results = load_run(host, port, targets, concurrency=3, seconds=0, per_thread=2, min_rounds=2, warmup_rounds=1)

    # Two timed rounds of 3 threads × 2 requests, after one untimed round: each target alike.
    assert {label: r.requests for label, r in results.items()} == {"ping": 12, "floor": 12, "api": 12}
    assert all(r.busy > 0 and r.throughput > 0 for r in results.values())
    # Each round's phases come in the targets' order: all pings, then floors, then API requests.
    phases = [_Handler.seen[i : i + 6] for i in range(0, len(_Handler.seen), 6)]
    assert [set(phase) for phase in phases] == [{"/ping/"}, {"/floor/"}, {"/api/"}] * 3


def test_the_load_generator_stops_on_an_answer_other_than_200(server):
    host, port = server.server_address

    with pytest.raises(LoadError, match="/broken/ answered 500"):
        load_run(host, port, [Target("ping", "/ping/"), Target("x", "/broken/")], concurrency=2, seconds=0)


def test_a_buyers_round_carries_the_session_cookie_except_to_the_floor():
    targets = targets_for(SCENARIOS[0], api_path="/api/v1/films/", session_cookie="abc")

    assert [t.label for t in targets] == ["ping", "floor", "api", "html"]
    assert targets[1].path == f"/bench/floor/{SCENARIOS[0].key}/"
    assert targets[2].path == "/api/v1/films/?q=lantern"
    assert targets[3].path == "/films/?q=lantern"
    assert all("abc" in t.headers["Cookie"] for t in targets if t.label != "floor")
    assert "Cookie" not in targets[1].headers
    assert all(t.headers["X-Forwarded-Proto"] == "https" for t in targets)
    assert [t.label for t in targets_for(HOME[1], api_path="/api/v1/films/", session_cookie="abc")] == [
        "ping",
        "home",
    ]


def _result(seconds: float, n: int = 4) -> LoadResult:
    return LoadResult(latencies=[seconds] * n, busy=seconds * n)


def test_the_http_table_gives_each_concurrency_its_ratios_to_ping_and_the_floor():
    results = {"ping": _result(0.001), "floor": _result(0.01), "api": _result(0.02), "html": _result(0.04)}
    row = report.http_table([HttpMeasurement(SCENARIOS[0], 4, results)]).splitlines()[2]
    cells = [cell.strip() for cell in row.split("|")]

    assert cells[1:4] == ["English text search `?q=lantern`", "verified buyer", "4"]
    assert cells[4:7] == ["1,000.0", "100.0", "50.0"]  # req/s: ping, floor, API
    assert cells[10:14] == ["0.05", "0.03", "2.00", "4.00"]  # API and page ÷ ping; ÷ floor in time


@pytest.mark.django_db
def test_gunicorn_starts_answers_and_stops_with_its_workers():
    floors = {"a-request": Floor(statements=["SELECT 1"], body={"count": 0, "results": []})}

    with gunicorn_serving(floors, ready_path="/api/v1/ping/", workers=1) as served:
        conn = http.client.HTTPConnection(served.host, served.port, timeout=10)
        conn.request("GET", "/bench/floor/a-request/", headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
        answer = conn.getresponse()
        assert (answer.status, answer.read()) == (200, b'{"count":0,"results":[]}')
        conn.close()

    with pytest.raises(ConnectionRefusedError):
        http.client.HTTPConnection(served.host, served.port, timeout=2).request("GET", "/api/v1/ping/")
