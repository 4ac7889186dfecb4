# The two commands a new machine needs: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 5000
WORKERS ?= 2
THREADS ?= 8
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test

BENCH_DB ?= sqlite:///instance/bench.db
CLAIMS ?= 100000

.PHONY: install run test test-pg bench bench-data clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Migrate, seed an empty database, print a demo admin token once, then serve, with the
# background worker running beside the web server (both stop together).
run: install
	$(VENV)/bin/claimdesk bootstrap
	$(VENV)/bin/claimdesk worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn --worker-class gthread --workers $(WORKERS) --threads $(THREADS) \
		--bind 127.0.0.1:$(PORT) --access-logfile - wsgi:app

# The whole suite on SQLite (a fresh database file per test).
test: install
	$(PY) -m pytest

# The whole suite again on PostgreSQL (a fresh schema per test).
test-pg: install
	CLAIMDESK_TEST_DATABASE_URL=$(PG_TEST_URL) $(PY) -m pytest

# docs/PERFORMANCE.md: deterministic data (once per database), then the HTTP benchmark
# (claimdesk vs bare Flask, same gunicorn settings) and the in-process profile.
bench-data: install
	$(PY) -m bench.generate --claims $(CLAIMS) --database-url $(BENCH_DB) --verify

bench: install
	$(PY) -m bench.http --database-url $(BENCH_DB)
	$(PY) -m bench.profile --database-url $(BENCH_DB)

clean:
	rm -rf $(VENV) instance .pytest_cache
