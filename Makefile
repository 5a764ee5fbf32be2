# intake — the two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
# libgomp reads this at process start: Tesseract is 4–5x slower without it.
export OMP_THREAD_LIMIT := 1

CONFIG ?= config/intake.toml

.PHONY: deps build release run test clean

deps:
	@scripts/install-deps.sh

build: deps
	swift build

release: deps
	swift build -c release

## Start the daemon in the foreground on the embedded default (SQLite + PDFs under var/,
## watching watch-folders/inbox/). Ctrl-C stops it cleanly.
run: release
	.build/release/intake serve --config $(CONFIG)

## The whole test suite (unit, integration and end-to-end on real Tesseract/SQLite/folders).
test: deps
	swift build --build-tests
	swift test --skip-build
	Tests/browser/run.sh   # web app in headless chromium (Selenium), against `intake serve`

clean:
	rm -rf .build
