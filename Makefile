# Samtalsrum – the two commands of the README, and a few more.
#   make run    install, migrate, load the demo programme, serve on http://127.0.0.1:8000
#               (make run HOST=127.0.0.1:8080: another port, and the printed links follow it)
#   make test   install what the tests need and run the whole suite
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# The address printed in the demo's links and used in e-mails; 0.0.0.0 is reached as 127.0.0.1.
BASE_URL ?= http://$(subst 0.0.0.0,127.0.0.1,$(HOST))

.PHONY: run test bench browser install install-test lint check messages worker beat clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet ".[test]"
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --base-url "$(BASE_URL)"
	DJANGO_BASE_URL="$(BASE_URL)" $(BIN)/python manage.py runserver $(HOST)

test: install-test browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Measurements against their physical limits on PostgreSQL at 100 000 employees (benchmarks/).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/samtalsrum_bench
bench: install-test
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --noinput
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py benchmark_data --employees 100000 --attendance 1000000
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py seed_demo  # the material pages measured
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py bench $(BENCH_ARGS)

# The real-browser tests use Debian's Chromium; install it when we may, else they skip.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is not installed: the real-browser tests will be skipped (apt-get install chromium)"; fi; }

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

messages:
	cd $(CURDIR) && $(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=staticfiles --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

worker:
	$(BIN)/celery -A cms worker -l info

beat:
	$(BIN)/celery -A cms beat -l info

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media-test
