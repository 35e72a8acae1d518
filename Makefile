# Halo Support: the commands of README.md.  Odoo 18.0 must be importable by
# $(PYTHON); PostgreSQL is the one of the PG* variables or a private cluster.
PYTHON ?= python3
HARNESS = $(PYTHON) tools/harness.py

.PHONY: help test run lint bench dev-test install-deps pot screenshots

help:
	@echo "make test      install requirements, run every test on a fresh database"
	@echo "make run       demo database and Odoo on http://localhost:8069"
	@echo "make lint      pre-commit: ruff, ruff-format, pylint-odoo"
	@echo "make bench     benchmarks (ratios against references measured in the same run)"
	@echo "make pot       export the addons' translation templates (i18n/*.pot)"
	@echo "make screenshots   docs/screenshots/*.png from the Chromium tours"
	@echo "make dev-test ADDONS=\"support_sla\"   fast loop on a template database"

install-deps:
	$(PYTHON) -m pip install --disable-pip-version-check -q -r requirements-dev.txt

test:
	$(HARNESS) test

run:
	$(HARNESS) run

dev-test:
	$(HARNESS) dev-test $(ADDONS) $(if $(TAGS),--tags $(TAGS))

lint:
	@$(PYTHON) tools/check_requirements.py requirements-dev.txt >/dev/null || $(MAKE) install-deps
	$(PYTHON) -m pre_commit run --all-files --show-diff-on-failure

bench:
	$(HARNESS) bench

pot:
	@$(PYTHON) tools/check_requirements.py requirements-dev.txt >/dev/null || $(MAKE) install-deps
	$(HARNESS) pot

screenshots:
	$(HARNESS) screenshots
