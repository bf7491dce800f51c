# The two commands: `make run` (demo on the embedded default) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Test processes: most e2e tests wait on servers, timers and child processes, so three share the
# 2 cores well: the whole run takes about half as long as with two.
TEST_WORKERS ?= 3

.PHONY: run test soak bench proto clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: venv, migrate SQLite, start the Temu sandbox (demo data), gRPC server :50051, workers in-process
run: $(STAMP)
	$(PY) server.py demo

## test: generated code, buf lint, buf breaking (against main's previous commit), import rules, every test; PostgreSQL and Redis tests run when ERP_TEST_POSTGRES_URL / ERP_TEST_REDIS_URL are set
test: $(STAMP)
	$(PY) -m proto.generate --check
	$(PY) -m proto.contracts lint
	$(PY) -m proto.contracts breaking
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -m "not soak" -q -n $(TEST_WORKERS) --dist loadfile --durations 25

## soak: long soak and fault runs
soak: $(STAMP)
	$(PY) -m pytest -m soak -q

## bench: the benchmarks of bench/ (see bench/README.md)
bench: $(STAMP)
	$(PY) -m bench.run_all

## proto: regenerate the gRPC code from proto/
proto: $(STAMP)
	$(PY) -m proto.generate

clean:
	rm -rf $(VENV) var .pytest_cache
