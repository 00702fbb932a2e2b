# The one entry point. `make run` and `make test` need only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint fmt messages

# DEBUG is off unless asked for (portal/settings.py); these local targets ask for it. An
# environment that sets DEBUG itself keeps its own value.
run test messages bench: export DEBUG ?= true

$(VENV)/.run-deps: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: $(VENV)/.run-deps requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.run-deps
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo_data
	@echo ""
	@echo "  Go-Global Film Portal: http://127.0.0.1:8000/   (API docs: /api/docs/, back office: /admin/)"
	@echo "  Web, Celery worker and beat are starting; Ctrl-C stops them all."
	@echo ""
	$(BIN)/honcho start -f Procfile

# The suite runs on every core (pytest-xdist): each worker has its own test database and Redis
# database (tests/settings.py). TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
test: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(VENV)/.dev-deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext (apt-get install gettext): refresh and compile the Chinese catalogue.
messages: $(VENV)/.dev-deps
	$(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete --ignore=.venv --ignore=var --ignore=tests
	$(BIN)/python manage.py compilemessages -l zh_Hans --ignore=.venv

# Seeds the configured database (DATABASE_URL) once with 100,000 films, 2,000,000 rights rows and
# 10,000 buyers (smaller on SQLite), then measures the catalogue with DEBUG off, in process and
# over HTTP through gunicorn (two workers, a free loopback port): see docs/benchmark.md. DRF's
# throttle is raised for this run only, as the run sends thousands of requests a minute.
# Extra options: make bench BENCH_ARGS="--report docs/benchmark.md" (manage.py bench --help).
.PHONY: bench
BENCH_ARGS ?=
bench: $(VENV)/.run-deps
	$(BIN)/python manage.py migrate --noinput
	THROTTLE_USER=1000000/minute THROTTLE_ANON=1000000/minute $(BIN)/python manage.py bench $(BENCH_ARGS)
