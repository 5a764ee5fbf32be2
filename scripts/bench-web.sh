#!/usr/bin/env bash
# Measures the web app on a large register: queue and search pages (target p95 < 200 ms)
# and the document page (p95 < 300 ms).
#   scripts/bench-web.sh DIR      (DIR made by scripts/gen-registry.sh; REQUESTS=100 per case)
# Starts `intake serve` on DIR with a free loopback port, logs in with a bench account, and
# times sequential requests from Python (wall clock per request, server on the same host).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(cd "${1:?usage: scripts/bench-web.sh DIR}" && pwd)
BUILD_DIR=${BUILD_DIR:-.build}
INTAKE="$(swift build --scratch-path "$BUILD_DIR" --show-bin-path)/intake"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
tmp=$(mktemp -d /tmp/intake-bench.XXXXXX)
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -TERM "$server"; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/inbox"
cat > "$tmp/intake.toml" <<TOML
data_dir = "$dir"
[ocr]
engines = 1
[[watch.folder]]
name = "inbox"
path = "$tmp/inbox"
TOML
password='Bench#2024pass'
if ! "$INTAKE" user list --config "$tmp/intake.toml" | grep -q '^bench '; then
  printf '%s\n' "$password" | "$INTAKE" user add bench --role supervisor --password-stdin --config "$tmp/intake.toml" >/dev/null
else
  printf '%s\n' "$password" | "$INTAKE" user reset-password bench --password-stdin --config "$tmp/intake.toml" >/dev/null
fi
OMP_THREAD_LIMIT=1 "$INTAKE" serve --config "$tmp/intake.toml" --listen "127.0.0.1:$port" > "$tmp/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

URL="http://127.0.0.1:$port" PASSWORD="$password" REGISTRY="$dir/registry.sqlite" REQUESTS="${REQUESTS:-100}" python3 - <<'PY'
import http.cookiejar, json, os, random, sqlite3, statistics, time, urllib.request

url, n = os.environ["URL"], int(os.environ["REQUESTS"])
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def call(path, method="GET", body=None, headers={}):
    req = urllib.request.Request(url + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json", **headers})
    with opener.open(req) as r:
        return r.status, r.read()
_, raw = call("/api/session", "POST", {"username": "bench", "password": os.environ["PASSWORD"]})
csrf = json.loads(raw)["csrf_token"]
call("/api/session/password", "POST", {"old": os.environ["PASSWORD"], "new": "Bench#2024new"}, {"X-CSRF-Token": csrf})

db = sqlite3.connect(os.environ["REGISTRY"])
total = db.execute("SELECT COUNT(*) FROM incoming_document").fetchone()[0]
ids = [r[0] for r in db.execute("SELECT id FROM incoming_document WHERE status <> 'confidential_hold' ORDER BY random() LIMIT ?", (n,))]
numbers = [f"{r[0]}/{r[1]}" for r in db.execute("SELECT code_number, code_notation FROM incoming_document WHERE code_number IS NOT NULL ORDER BY random() LIMIT ?", (n,))]
db.close()
print(f"register: {total} documents; {n} sequential requests per case\n")
cases = [
    ("queue page (HTML) needs_review, page 1", lambda i: "/queue?tab=needs_review"),
    ("queue page (HTML) awaiting_assignment, page 20", lambda i: "/queue?tab=awaiting_assignment&page=20"),
    ("queue API needs_review", lambda i: "/api/documents?status=needs_review"),
    ("search (HTML) 'quyet dinh'", lambda i: "/search?q=quyet+dinh"),
    ("search (HTML) full text, 2 words", lambda i: "/search?q=" + random.choice(["phong+chong", "cai+cach", "ngan+sach", "giao+thong", "khen+thuong"])),
    ("search (HTML) number", lambda i: "/search?number=" + urllib.request.quote(numbers[i % len(numbers)])),
    ("search (HTML) sender + date range", lambda i: "/search?sender=so+noi+vu&from=2025-01-01&to=2025-06-30"),
    ("search (HTML) text + type + status", lambda i: "/search?q=van+thu&type=cong+van&status=assigned"),
    ("search API 'quyet dinh'", lambda i: "/api/documents?q=quyet+dinh"),
    ("document page (HTML)", lambda i: "/documents/" + ids[i % len(ids)]),
    ("document API", lambda i: "/api/documents/" + ids[i % len(ids)]),
    ("register book (HTML) one week", lambda i: "/register?from=2025-03-03&to=2025-03-09"),
]
random.seed(1)
for name, path in cases:
    call(path(0))  # warm-up
    times = []
    for i in range(n):
        t = time.perf_counter(); call(path(i)); times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
    print(f"{name:50s} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   max {times[-1]:7.1f} ms")
t = time.perf_counter(); call(f"/api/documents/{ids[-1]}/pages/1.jpg"); cold = (time.perf_counter() - t) * 1000
t = time.perf_counter(); call(f"/api/documents/{ids[-1]}/pages/1.jpg"); warm = (time.perf_counter() - t) * 1000
print(f"{'page image 100 dpi: first render / cached':50s} {cold:7.1f} ms / {warm:.1f} ms")
PY
