#!/usr/bin/env bash
# Publishes KeyProjects, starts the build from its own folder as an operator would (the port from
# ASPNETCORE_HTTP_PORTS, a throwaway SQLite database, demo data off), and checks that it serves: /health/ready, the
# login page, its fingerprinted scripts and styles (immutable, precompressed Brotli and gzip), and the security headers. Stops it again. Exit 0 when all hold.
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

# The login page links its styles and scripts by content hash (decision 021): each is served whole, a year immutable, and
# compressed from the siblings dotnet publish wrote (Brotli for a browser over HTTPS, gzip otherwise).
login_html=$(curl -s "http://127.0.0.1:$PORT/login")
assets=$(grep -oE '(href|src)="/[^"]+\?v=[0-9a-f]{16}"' <<<"$login_html" | sed -E 's/^(href|src)="//; s/"$//')
[ "$(wc -l <<<"$assets")" -ge 5 ] || fail "the login page links fewer than 5 fingerprinted files: $assets"
grep -q 'tabler-icons.min.css\|\.woff2' <<<"$login_html" && fail "the login page still links the icon webfont"
header() { tr -d '\r' <"$1" | awk -F': ' -v h="$2" 'tolower($1)==h{print $2}'; }
for url in $assets; do
  path=${url%%\?*}
  file="$out/wwwroot$path"
  [ -s "$file" ] || fail "$path is not in the published wwwroot"
  for enc in br gzip; do
    code=$(curl -s -D "$data/headers" -o "$data/asset" -w '%{http_code}' -H "Accept-Encoding: $enc" "http://127.0.0.1:$PORT$url")
    [ "$code" = 200 ] || fail "$url answered $code"
    [ "$(header "$data/headers" content-encoding)" = "$enc" ] || fail "$url not sent as $enc"
    [ "$(header "$data/headers" cache-control)" = "public,max-age=31536000,immutable" ] || fail "$url not immutable: $(header "$data/headers" cache-control)"
    sibling="$file.${enc/gzip/gz}"
    [ -s "$sibling" ] || fail "no precompressed $sibling in the published build"
    cmp -s "$data/asset" "$sibling" || fail "$url ($enc) is not the precompressed $sibling"
  done
  gunzip -c "$data/asset" | cmp -s - "$file" || fail "$url unpacks to something else than $path"
  echo "$path: 200, immutable, br $(wc -c <"$file.br") / gzip $(wc -c <"$file.gz") bytes sent of $(wc -c <"$file")"
done
status=$(curl -s -D "$data/headers" -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/js/app.js")
[ "$status" = 200 ] && [ "$(header "$data/headers" cache-control)" = no-cache ] || fail "/js/app.js without its hash: $status, not revalidated"
echo "/js/app.js without its hash: 200, no-cache"
echo "smoke: all held"
