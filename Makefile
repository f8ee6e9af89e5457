# The two commands: `make demo` (install, set up the demo authorities, run site + worker)
# and `make test` (install with test extras, run the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test bench install-demo install-test install-bench lock check-python clean vendor-govuk

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.x")'

$(PY): | check-python
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Stamp files: reinstall only when a lock file or pyproject.toml changes.
$(VENV)/.demo-installed: requirements/demo.txt pyproject.toml | $(PY)
	$(PIP) install --quiet -r requirements/demo.txt
	$(PIP) install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-installed: requirements/test.txt pyproject.toml | $(PY)
	$(PIP) install --quiet -r requirements/test.txt
	$(PIP) install --quiet --no-deps -e .
	touch $@

$(VENV)/.bench-installed: requirements/bench.txt requirements/test.txt pyproject.toml | $(PY)
	$(PIP) install --quiet -r requirements/bench.txt
	$(PIP) install --quiet --no-deps -e .
	touch $@

install-demo: $(VENV)/.demo-installed
install-test: $(VENV)/.test-installed
install-bench: $(VENV)/.bench-installed

# The site's address goes to both commands: links in emails (the worker's too) use it.
demo: install-demo
	WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) $(PY) manage.py setup_demo
	WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) $(PY) manage.py rundemo $(HOST):$(PORT)

test: install-test
	$(PY) -m pytest $(PYTEST_ARGS)

# Benchmarks on PostgreSQL (README, "Performance"): writes benchmarks/results.json and
# benchmarks/results.md.  Without DATABASE_URL it (re)creates the database complaints_bench on
# the local server (127.0.0.1:5432, user postgres); with it, that database must be empty.
# BENCH_SCALE=small for a quick run; sizes one by one with BENCH_CASES_BIG=... (benchmarks/run.py).
# wrk (Debian package) is the load generator; without it a Python one is used.
BENCH_SCALE ?= full
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/complaints_bench
bench: install-bench
	@command -v wrk >/dev/null 2>&1 || apt-get install -y -qq wrk >/dev/null 2>&1 || \
	  (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1) || \
	  echo "wrk could not be installed: the Python load generator is used"
	@if [ -z "$$DATABASE_URL" ]; then $(PY) -m benchmarks.database $(BENCH_DATABASE_URL); fi
	DATABASE_URL="$${DATABASE_URL:-$(BENCH_DATABASE_URL)}" BENCH_SCALE=$(BENCH_SCALE) PYTHONPATH=site:. $(PY) -m benchmarks.run

# Refresh the lock files after changing dependencies in pyproject.toml (needs the network).
lock: | $(PY)
	$(PIP) install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --upgrade \
		--extra site --extra postgres --extra redis --extra pdf -o requirements/demo.txt pyproject.toml
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --upgrade \
		--extra site --extra test --extra postgres --extra redis --extra pdf -o requirements/test.txt pyproject.toml

clean:
	rm -rf $(VENV) site/db.sqlite3 .pytest_cache

# Refresh the vendored GOV.UK Frontend (compiled CSS, JS, fonts and images) from the npm
# registry: `make vendor-govuk` (or GOVUK_FRONTEND_VERSION=6.7.0 make vendor-govuk).  The CSS
# refers to its assets as /assets/...; they are rewritten to relative URLs so the files work
# from Django's static folder.  Commit the result; the site needs no npm at run time.
GOVUK_FRONTEND_VERSION ?= 6
GOVUK_DIR := complaints_process/static/complaints_process/govuk
vendor-govuk:
	rm -rf build/govuk-frontend && mkdir -p build/govuk-frontend
	cd build/govuk-frontend && npm pack --silent govuk-frontend@$(GOVUK_FRONTEND_VERSION) && tar xzf govuk-frontend-*.tgz
	rm -rf $(GOVUK_DIR) && mkdir -p $(GOVUK_DIR)
	cp build/govuk-frontend/package/dist/govuk/govuk-frontend.min.css* build/govuk-frontend/package/dist/govuk/govuk-frontend.min.js* $(GOVUK_DIR)/
	cp -R build/govuk-frontend/package/dist/govuk/assets $(GOVUK_DIR)/assets
	sed -i.bak 's#url(/assets/#url(assets/#g' $(GOVUK_DIR)/govuk-frontend.min.css && rm $(GOVUK_DIR)/govuk-frontend.min.css.bak
	sed -i.bak 's#/assets/#assets/#g' $(GOVUK_DIR)/assets/manifest.json && rm $(GOVUK_DIR)/assets/manifest.json.bak
	node -p "require('./build/govuk-frontend/package/package.json').version" > $(GOVUK_DIR)/VERSION
	printf '%s\n' "MIT License" "" "Copyright (c) 2018 Crown Copyright (Government Digital Service)" "" \
	  "Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the \"Software\"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:" "" \
	  "The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software." "" \
	  "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE." \
	  > $(GOVUK_DIR)/LICENCE
	rm -rf build/govuk-frontend
