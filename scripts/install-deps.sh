#!/usr/bin/env bash
# Installs the Debian packages intake needs to build, run and test. Idempotent: installs
# only what is missing, so `make run` and `make test` can call it every time.
set -euo pipefail

packages=(
  pkg-config
  libsqlite3-dev
  libleptonica-dev
  libtesseract-dev
  tesseract-ocr
  tesseract-ocr-vie       # the Vietnamese model
  tesseract-ocr-eng       # the English model: digits alone (numbers written in or stamped)
  tesseract-ocr-osd       # orientation and script detection
  libsane-dev
  libsane1                # SANE backends (scanner capture, issue 4; tests use its `test` backend)
  sane-utils              # saned and scanimage: network scanners, diagnostics
  poppler-utils           # pdfinfo/pdfimages/pdftoppm: reading copier PDFs
  qpdf                    # structural check of our PDFs in tests
  # Web app (issue 5): real-browser tests, page images come from poppler's pdftoppm above.
  chromium                # headless browser for the Selenium tests and the docs/ screenshots
  chromium-driver         # WebDriver for chromium
  python3-selenium        # the browser tests (Tests/browser/), run with Debian's /usr/bin/python3
  curl                    # readiness check of the test server
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
