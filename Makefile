# Plaza Kiosk — developer entry points. `make demo` and `make test` set themselves up.
PYTHON ?= python3
# pytest-xdist workers; WORKERS=0 runs the tests in one process.
WORKERS ?= 2
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
QM     := assets/translations/plaza_id.qm
TS     := $(QM:.qm=.ts)

.PHONY: demo test test-clocks lint translations screenshots bench clean package test-bundle

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
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not bundle" -n $(WORKERS)

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
	rm -rf $(VENV) $(QM) .pytest_cache .ruff_cache build dist

# The device bundle (PyInstaller, one folder) and its tarball + checksum in dist/; rebuilt
# only when a source, asset or packaging file changed. See packaging/README.md.
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
TARBALL := dist/plaza-kiosk-$(VERSION)-linux-$(shell uname -m).tar.gz
PACKAGED := $(shell find kiosk sync ui plaza_kiosk assets packaging -type f \
	-not -name '*.pyc' -not -name '*.ts' 2>/dev/null)

package: $(TARBALL)

$(TARBALL): $(STAMP) $(QM) $(PACKAGED) pyproject.toml
	packaging/build.sh $(PY)

# The built bundle's own tests (selftest from the bundle, its start-up, its files): the
# tests marked `bundle`, which `make test` leaves out so the bundle is built once, here.
test-bundle: $(TARBALL)
	QT_QPA_PLATFORM=offscreen PLAZA_BUNDLE=dist/plaza-kiosk-$(VERSION) $(PY) -m pytest -m bundle

bench: $(STAMP) $(QM)
	$(PY) bench/kiosk.py
