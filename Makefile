# One-command set-up: every target below creates or refreshes .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: catalogues run test test-shifted-clock bench screenshots screenshots-languages sample-packet wheel clean package package-test

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# The compiled translation catalogues (also written by the install's build hook), rebuilt when a .po changes.
CATALOGUES := $(VENV)/.catalogues
$(CATALOGUES): $(STAMP) $(wildcard mentorapp/i18n/*/*.po) tools/catalogues.py
	$(BIN)/python tools/catalogues.py compile >/dev/null
	@touch $(CATALOGUES)

catalogues: $(CATALOGUES)

run: $(CATALOGUES)
	$(BIN)/mentorapp

test: $(CATALOGUES)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n auto --maxprocesses=4
	$(BIN)/ruff check .
	$(BIN)/mypy

# The suite once more on another calendar (libfaketime): a leap day that turns into 1 March
# in Berlin while the suite runs, so no test can lean on the day it happens to be run. One clock for
# every process (FAKETIME_DONT_RESET), as on a real machine: otherwise each command a test starts would
# go back to 23:56 and find files written "in the future" by the processes before it.
SHIFTED_CLOCK ?= @2028-02-29 23:56:00
test-shifted-clock: $(CATALOGUES)
	TZ=Europe/Berlin QT_QPA_PLATFORM=offscreen FAKETIME_DONT_RESET=1 faketime -f '$(SHIFTED_CLOCK)' \
		$(BIN)/python -m pytest -q -n auto --maxprocesses=4 -p no:cacheprovider

screenshots: $(CATALOGUES)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py

# Today, a mentee page, quick capture and a packet page in each language, at 1024×640 (docs/screenshots/<lang>/).
LANGUAGE_SHOTS := today timeline quick-capture packet
screenshots-languages: $(CATALOGUES)
	for tag in en_GB de_DE fr_FR es_ES; do \
		QT_QPA_PLATFORM=offscreen MENTORAPP_SCREENSHOTS_LANG=$$tag MENTORAPP_SCREENSHOTS_PALETTES=light \
		MENTORAPP_SCREENSHOTS_SIZE=1024x640 MENTORAPP_SCREENSHOTS_DIR=docs/screenshots/$${tag%_*} \
		$(BIN)/python tools/screenshots.py $(LANGUAGE_SHOTS) || exit 1; \
	done

# The review packet of one demo mentee (fixed seed and date), kept in docs/.
sample-packet: $(CATALOGUES)
	$(BIN)/python tools/sample_packet.py docs/sample-packet.pdf
	for language in de fr es; do $(BIN)/python tools/sample_packet.py docs/sample-packet-$$language.pdf $$language || exit 1; done

# Not part of `make test`: builds large journals once (.bench-cache/), takes minutes,
# prints the table and rewrites docs/performance.md.
bench: $(CATALOGUES)
	QT_QPA_PLATFORM=offscreen PYTHONPATH=. $(BIN)/python -m bench

wheel: $(STAMP)
	$(BIN)/python -m pip wheel --quiet --no-deps -w dist .

# The installable program (docs/packaging.md): a self-contained bundle built in its own clean venv
# (build/package-venv), wrapped as dist/mentorapp_<version>_<arch>.deb and a tarball. Rebuilt only
# when something that goes into it changed.
VERSION  := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' mentorapp/__init__.py)
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null || uname -m)
DEB      := dist/mentorapp_$(VERSION)_$(DEB_ARCH).deb
PACKAGED := $(shell find mentorapp resources packaging -type f -not -path '*/__pycache__/*') pyproject.toml README.md

$(DEB): $(PACKAGED)
	packaging/build.sh

package: $(DEB)

# The package unpacked and run alone (env -i, a fresh HOME), then tests/test_bundle.py against it.
package-test: $(DEB) $(CATALOGUES)
	packaging/package-test.sh $(DEB) $(BIN)/python

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache .mypy_cache
