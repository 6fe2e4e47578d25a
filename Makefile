# Plaza Kiosk — developer entry points. `make demo` and `make test` set themselves up.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
QM     := assets/translations/plaza_id.qm
TS     := $(QM:.qm=.ts)

.PHONY: demo test test-clocks lint translations screenshots bench clean

$(STAMP): pyproject.toml
	@scripts/check-system.sh $(PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

assets/translations/%.qm: assets/translations/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

demo: $(STAMP) $(QM)
	@scripts/check-system.sh $(PYTHON) window
	$(VENV)/bin/plaza-kiosk --config packaging/demo.toml demo

test: $(STAMP) $(QM)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# The date-sensitive tests again on a Friday at 12:30 WITA, a Saturday, New Year's Eve at 23:59
# WITA and a national holiday (CI runs this after `make test`).
test-clocks: $(STAMP) $(QM)
	scripts/test-clocks.sh $(PY)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# Re-extract UI strings after changing tr() texts, then translate the new entries.
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -extensions py -no-obsolete ui -ts $(TS)

screenshots: $(STAMP) $(QM)
	scripts/screenshots.sh $(VENV)/bin/plaza-kiosk

clean:
	rm -rf $(VENV) $(QM) .pytest_cache .ruff_cache

bench: $(STAMP) $(QM)
	$(PY) bench/kiosk.py
