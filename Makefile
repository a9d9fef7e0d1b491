# Two commands do everything: `make run` (serve on SQLite) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run demo-password test check lint format messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when a requirements file changes.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# Development settings for manage.py, written once and git-ignored: DEBUG on
# and a random secret, so every command in the README works as printed.
.env: | $(BIN)/python
	@printf 'DEBUG=1\nSECRET_KEY=%s\n' "$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote .env (development settings for manage.py)."

run: $(VENV)/.runtime .env
	$(MANAGE) migrate --noinput
	@if $(MANAGE) help import_seeds >/dev/null 2>&1; then $(MANAGE) import_seeds seeds; fi
	$(MANAGE) ensure_demo_editor
	@# The task worker runs the admin's bulk imports; it stops with the server.
	$(MANAGE) db_worker & worker=$$!; trap "kill $$worker" EXIT INT TERM; $(MANAGE) runserver $(HOST):$(PORT)

# A new password for the demo editor (make run keeps the one it has).
demo-password: $(VENV)/.runtime .env
	$(MANAGE) ensure_demo_editor --reset

check: export DJANGO_SETTINGS_MODULE = newsroom.settings.test
check: $(VENV)/.dev
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

test: check
	$(BIN)/pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# Source strings are English; Vietnamese (the site's default) and any other
# language live in locale/. The compiled .mo files are committed so that a
# machine without GNU gettext still serves the translated site.
messages: export DJANGO_SETTINGS_MODULE = newsroom.settings.test
messages: $(VENV)/.dev
	$(MANAGE) makemessages --locale vi --locale en --ignore '$(VENV)/*' --no-obsolete
	$(MANAGE) compilemessages --ignore '$(VENV)/*'

clean:
	rm -rf $(VENV) .pytest_cache staticfiles
