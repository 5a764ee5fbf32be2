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
  tesseract-ocr-osd       # orientation and script detection
  libsane-dev
  poppler-utils           # pdfinfo/pdfimages/pdftoppm: reading copier PDFs
  qpdf                    # structural check of our PDFs in tests
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
