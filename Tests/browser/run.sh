#!/usr/bin/env bash
# Real-browser tests of the web app: headless Debian chromium driven by Selenium (Python).
# Fills a register in a temporary data directory through Registry.register (the
# BrowserFixture test, no OCR), creates accounts with `intake user add`, starts
# `intake serve` on a free loopback port, and runs test_web.py against it.
#
#   Tests/browser/run.sh            (after `swift build --build-tests`; BUILD_DIR defaults to .build)
#   SCREENSHOTS=docs Tests/browser/run.sh   also refreshes the screenshots in docs/
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-.build}
BIN=$(swift build --scratch-path "$BUILD_DIR" --show-bin-path)
INTAKE="$BIN/intake"
[ -x "$INTAKE" ] || { echo "browser tests: $INTAKE is missing; run swift build first" >&2; exit 1; }

tmp=$(mktemp -d /tmp/intake-browser.XXXXXX)
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
mkdir -p "$tmp/var" "$tmp/inbox"
cat > "$tmp/intake.toml" <<TOML
data_dir = "$tmp/var"
[ocr]
engines = 1
[watch]
settle_seconds = 1
[[watch.folder]]
name = "inbox"
path = "$tmp/inbox"
[web]
listen = "127.0.0.1:$port"
agency_name = "UBND thành phố Lai Châu"
TOML

# Documents straight into the register, as the pipeline would put them.
INTAKE_WEB_FIXTURE="$tmp/var" OMP_THREAD_LIMIT=1 swift test --scratch-path "$BUILD_DIR" --skip-build \
  --filter 'WebTests.BrowserFixture' > "$tmp/fixture.log" 2>&1 || { cat "$tmp/fixture.log"; exit 1; }

export INTAKE_TEST_PASSWORD='Khởi tạo#2024'
for account in vanthu:clerk lanhdao:leader; do
  printf '%s\n' "$INTAKE_TEST_PASSWORD" | "$INTAKE" user add "${account%%:*}" --role "${account##*:}" --password-stdin --config "$tmp/intake.toml"
done

OMP_THREAD_LIMIT=1 "$INTAKE" serve --config "$tmp/intake.toml" > "$tmp/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do
  curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "intake serve exited:"; cat "$tmp/serve.log"; exit 1; }
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null || { echo "intake serve did not answer:"; cat "$tmp/serve.log"; exit 1; }

status=0
INTAKE_URL="http://127.0.0.1:$port" /usr/bin/python3 Tests/browser/test_web.py || status=$?
if [ $status -ne 0 ]; then echo "--- intake serve log ---"; tail -50 "$tmp/serve.log"; fi
exit $status
