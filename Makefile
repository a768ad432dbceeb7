SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

PYTHON := .venv/bin/python
RUFF := .venv/bin/ruff
PG_USER ?= postgres
BENCH_DB ?= nastavnik_bench
BENCH_SURVEYS_DB ?= nastavnik_bench_surveys
SURVEYS_ARGS ?=
# The development server: SQLite under the project, Celery tasks run in-process, without
# runserver's reminder that it is not a production server.
DEV_ENV := env -u DATABASE_URL -u CELERY_BROKER_URL DJANGO_RUNSERVER_HIDE_WARNING=true

.PHONY: help bootstrap services translations run test lint fmt bench bench-surveys messages

help:
	@echo "make run       install what is missing, migrate, seed demo data, serve on http://127.0.0.1:8000"
	@echo "make test      install what is missing, start PostgreSQL and Redis, lint, run every test"
	@echo "make lint      ruff check and format check"
	@echo "make fmt       ruff fix and format"
	@echo "make bench     benchmarks on PostgreSQL (databases $(BENCH_DB), $(BENCH_SURVEYS_DB))"
	@echo "make bench-surveys  only the surveys under load (gunicorn + locust, $(BENCH_SURVEYS_DB))"
	@echo "make messages  update and compile translations (locale/en)"

bootstrap:
	@scripts/bootstrap.sh

services:
	@scripts/services.sh

# Compiles locale/*.po when there are any.
translations: bootstrap
	@if [[ -n "$$(find locale -name '*.po' 2>/dev/null)" ]]; then \
		$(DEV_ENV) $(PYTHON) manage.py compilemessages --ignore=.venv --verbosity 0; \
	fi

run: bootstrap translations
	$(DEV_ENV) $(PYTHON) manage.py migrate --noinput
	$(DEV_ENV) $(PYTHON) manage.py seed_demo
	$(DEV_ENV) $(PYTHON) manage.py runserver 127.0.0.1:8000

test: bootstrap services translations
	@scripts/test.sh

lint: bootstrap
	$(RUFF) check .
	$(RUFF) format --check .

fmt: bootstrap
	$(RUFF) check --fix .
	$(RUFF) format .

bench: bootstrap services
	[[ "$$(psql -h 127.0.0.1 -U $(PG_USER) -d postgres -tAc \
		"SELECT 1 FROM pg_database WHERE datname = '$(BENCH_DB)'")" == 1 ]] || \
		createdb -h 127.0.0.1 -U $(PG_USER) $(BENCH_DB)
	DATABASE_URL=postgres://$(PG_USER)@127.0.0.1:5432/$(BENCH_DB) $(PYTHON) bench/run.py
	$(MAKE) --no-print-directory bench-surveys SURVEYS_ARGS=--static-collected

# 1,000 respondents submitting at once through gunicorn, and the results page at 10,000
# responses, in a database of their own (flushed each run).
bench-surveys: bootstrap services
	[[ "$$(psql -h 127.0.0.1 -U $(PG_USER) -d postgres -tAc \
		"SELECT 1 FROM pg_database WHERE datname = '$(BENCH_SURVEYS_DB)'")" == 1 ]] || \
		createdb -h 127.0.0.1 -U $(PG_USER) $(BENCH_SURVEYS_DB)
	DATABASE_URL=postgres://$(PG_USER)@127.0.0.1:5432/$(BENCH_SURVEYS_DB) $(PYTHON) bench/surveys.py $(SURVEYS_ARGS)

messages: bootstrap
	mkdir -p locale
	$(DEV_ENV) $(PYTHON) manage.py makemessages -l en -l ru --ignore=.venv --ignore=bench --ignore=tests --no-obsolete
	$(DEV_ENV) $(PYTHON) manage.py compilemessages --ignore=.venv
