#!/usr/bin/env bash
# Publishes KeyProjects, starts the build from its own folder as an operator would (the port from
# ASPNETCORE_HTTP_PORTS, a throwaway SQLite database, demo data off), and checks that it serves: /health/ready, the
# login page, its scripts and styles compressed, and the security headers. Stops it again. Exit 0 when all hold.
#   deploy/smoke.sh            (PORT=5391 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
PORT=${PORT:-5391}
out=$(mktemp -d /tmp/kp-publish.XXXXXX)
data=$(mktemp -d /tmp/kp-smoke-data.XXXXXX)
pid=
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$out" "$data"; }
trap cleanup EXIT

echo "== publish to $out"
dotnet publish "$root/src/KeyProjects.Web" -c Release -o "$out" -nologo -v quiet

echo "== start from $out on port $PORT"
cd "$out"
ASPNETCORE_HTTP_PORTS=$PORT ConnectionStrings__Sqlite="Data Source=$data/keyprojects.db" Seed__AdminPassword=Smoke-root-2026 \
  Seed__DemoData=false dotnet KeyProjects.Web.dll >"$data/server.log" 2>&1 &
pid=$!
cd "$root"

fail() { echo "FAILED: $1"; tail -20 "$data/server.log"; exit 1; }
for _ in $(seq 1 60); do
  [ "$(curl -s "http://127.0.0.1:$PORT/health/ready" || true)" = Healthy ] && break
  sleep 1
done
[ "$(curl -s "http://127.0.0.1:$PORT/health/ready")" = Healthy ] || fail "/health/ready"
echo "ready: Healthy"

status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/login")
[ "$status" = 200 ] || fail "/login answered $status"
headers=$(curl -s -D - -o /dev/null "http://127.0.0.1:$PORT/login")
grep -qi "^content-security-policy: default-src 'self'" <<<"$headers" || fail "no Content-Security-Policy"
grep -qi '^x-content-type-options: nosniff' <<<"$headers" || fail "no nosniff"
echo "login page: 200 with its security headers"

for asset in /lib/htmx/htmx.min.js /lib/tabler/css/tabler.min.css /js/app.js; do
  enc=$(curl -s -D - -o "$data/asset" -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT$asset" | tr -d '\r' | awk -F': ' 'tolower($1)=="content-encoding"{print $2}')
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$asset")
  [ "$code" = 200 ] || fail "$asset answered $code"
  [ "$enc" = gzip ] || fail "$asset not compressed (Content-Encoding '$enc')"
  echo "$asset: 200, gzip, $(gunzip -c "$data/asset" | wc -c) bytes unpacked, $(wc -c <"$data/asset") sent"
done
echo "smoke: all held"
