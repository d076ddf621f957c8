# Dateline: two commands for a newcomer.
#   make demo  - install, load the demo city, serve it on http://127.0.0.1:8000 with the worker
#   make test  - install what the tests need (system packages too) and run every test

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DATA := var
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

DEMO_ENV = DJANGO_SETTINGS_MODULE=dateline.settings.production \
	SECRET_KEY="$$(cat $(DATA)/secret_key)" \
	ALLOWED_HOSTS=127.0.0.1,localhost \
	DATELINE_HTTPS=0 \
	DATELINE_BASE_URL=http://127.0.0.1:8000 \
	EMAIL_URL=file://$(CURDIR)/$(DATA)/mail

.PHONY: demo test test-postgres install system-packages lint format clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

$(DATA)/secret_key:
	mkdir -p $(DATA)
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	chmod 600 $@

demo: install $(DATA)/secret_key
	$(DEMO_ENV) $(BIN)/dateline migrate --noinput
	$(DEMO_ENV) $(BIN)/dateline collectstatic --noinput --verbosity 0
	$(DEMO_ENV) $(BIN)/dateline load_demo
	$(DEMO_ENV) $(BIN)/dateline serve --host 127.0.0.1 --port 8000 --login-file $(DATA)/demo-login.txt

system-packages:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Chromium for the browser tests (Debian package)…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; \
	fi
	@if [ ! -x /usr/sbin/varnishd ] || [ ! -x /usr/sbin/nginx ] || [ ! -x /usr/bin/wrk ] || \
	    ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v redis-server >/dev/null; then \
		echo "Installing PostgreSQL and Redis (second test pass), Varnish (deploy tests), nginx and wrk (bench/serve.py)…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
			postgresql redis-server varnish nginx-light wrk >/dev/null; \
	fi

# ruff, then the layers (import-linter's contract in pyproject.toml), then no import cycle
# and few imports inside functions (scripts/check_imports.py).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/check_imports.py

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The whole suite twice: on the embedded default (SQLite, local memory cache), then on
# PostgreSQL with Redis as cache and queue, both servers started on loopback for the run.
test: install system-packages lint
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory test-postgres

# The servers are stopped however the run ends, Ctrl-C included (scripts/test-servers.sh run).
# PYTEST_ARGS picks tests, e.g. make test-postgres PYTEST_ARGS=tests/settings
test-postgres: install
	@scripts/test-servers.sh run $(BIN)/python -m pytest -q $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) $(DATA)/test-media
