# The two commands: `make demo` (install, set up the five authorities, run site + worker)
# and `make test` (install with test extras, run the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install-demo install-test lock check-python clean

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

install-demo: $(VENV)/.demo-installed
install-test: $(VENV)/.test-installed

demo: install-demo
	WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) $(PY) manage.py setup_demo
	$(PY) manage.py rundemo $(HOST):$(PORT)

test: install-test
	$(PY) -m pytest $(PYTEST_ARGS)

# Refresh the lock files after changing dependencies in pyproject.toml (needs the network).
lock: | $(PY)
	$(PIP) install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --upgrade \
		--extra postgres --extra redis -o requirements/demo.txt pyproject.toml
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --upgrade \
		--extra test --extra postgres --extra redis -o requirements/test.txt pyproject.toml

clean:
	rm -rf $(VENV) site/db.sqlite3 .pytest_cache
