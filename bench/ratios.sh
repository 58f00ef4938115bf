#!/usr/bin/env bash
# Issue 11, point 8: KeyProjects side by side with a minimal ASP.NET Core app doing the same four requests on the same
# database (bench/KeyProjects.Reference), on SQLite, at two sizes, and the ratios against the issue's targets.
#
#   bench/ratios.sh
#   ROUNDS=3 DURATION=10 WARMUP=3 CLIENTS=4 WORK=/tmp/kp-ratios PORT=5190 bench/ratios.sh
#   WEB_DLL=/elsewhere/KeyProjects.Web.dll bench/ratios.sh     (another build of KeyProjects, e.g. an older commit's)
#
# What it does: builds KeyProjects, the load tool and the reference in Release; generates (once a day: the problems are
# dated from today) small.db (1,000 projects, 10,000 problems) and large.db (20,000 projects, 100,000 problems) with
# the Dataset generators; then ROUNDS rounds, each: for each size, KeyProjects and the reference one after the other
# (which goes first alternates by round), each on a fresh copy of the file, on 127.0.0.1:
#   projects  GET /api/v1/projects?year=2024&page=1…20&pageSize=25 (administrator)
#   problems  GET /api/v1/problems?org={city}&overdue=true&take=25 (the city's Staff user)
#   create    POST /api/v1/problems (a county's Staff user; large only)
#   submit    POST /api/v1/reports, submit: true, a new (project, 2025 month) each (administrator; large only)
# with wrk (apt: wrk), one thread, CLIENTS connections, "Connection: close" on every request (no keep-alive, as the
# issue measured), WARMUP seconds unmeasured then DURATION seconds. Prints requests per second (median of the rounds,
# and min–max) and the ratios. About 4–5 minutes a round on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
CLIENTS=${CLIENTS:-4}
WORK=${WORK:-/tmp/kp-ratios}
PORT=${PORT:-5190}
PASSWORD=Bench-admin-2026
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$WORK"
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }

web_dll=${WEB_DLL:-$root/src/KeyProjects.Web/bin/Release/net10.0/KeyProjects.Web.dll}
load_dll=$root/bench/KeyProjects.Load/bin/Release/net10.0/KeyProjects.Load.dll
ref_dll=$root/bench/KeyProjects.Reference/bin/Release/net10.0/KeyProjects.Reference.dll
load() { dotnet "$load_dll" "$@"; }

if [ "${BUILD:-1}" = 1 ]; then
  echo "== build (Release)"
  [ -n "${WEB_DLL:-}" ] || dotnet build -c Release "$root/src/KeyProjects.Web" -v quiet -nologo
  dotnet build -c Release "$root/bench/KeyProjects.Load" -v quiet -nologo
  dotnet build -c Release "$root/bench/KeyProjects.Reference" -v quiet -nologo
fi

today=$(TZ=Asia/Shanghai date +%F)
declare -A projects=([small]=1000 [large]=20000) problems=([small]=10000 [large]=100000)
for size in small large; do
  if [ ! -f "$WORK/$size.db" ] || [ "$(cat "$WORK/$size.day" 2>/dev/null)" != "$today" ] || [ "${REGENERATE:-0}" = 1 ]; then
    echo "== generate $size: ${projects[$size]} projects, ${problems[$size]} problems"
    rm -f "$WORK/$size".db* "$WORK/$size".tmp*
    load generate --sqlite "$WORK/$size.tmp" --projects "${projects[$size]}" --admin-password "$PASSWORD"
    load problems --sqlite "$WORK/$size.tmp" --projects "${projects[$size]}" --problems "${problems[$size]}" --admin-password "$PASSWORD"
    mv "$WORK/$size.tmp" "$WORK/$size.db"
    echo "$today" > "$WORK/$size.day"
  fi
done

server_pid=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=
}
trap stop_server EXIT

start_server() { # app size
  local app=$1 size=$2 db=$WORK/run.db
  rm -f "$db" "$db-wal" "$db-shm"
  cp "$WORK/$size.db" "$db"
  if [ "$app" = kp ]; then
    dotnet "$web_dll" --urls "http://127.0.0.1:$PORT" --contentRoot "$root/src/KeyProjects.Web" --Database:Provider=Sqlite \
      "--ConnectionStrings:Sqlite=Data Source=$db" --Seed:DemoData=false "--Seed:AdminPassword=$PASSWORD" \
      --Auth:LoginRequestsPerMinute=100000 --Problems:SweepInBackground=false --Logging:LogLevel:Default=Warning >"$WORK/server-$app-$size.log" 2>&1 &
  else
    dotnet "$ref_dll" --urls "http://127.0.0.1:$PORT" --Database:Provider=Sqlite "--ConnectionStrings:Sqlite=Data Source=$db" \
      >"$WORK/server-$app-$size.log" 2>&1 &
  fi
  server_pid=$!
  for _ in $(seq 1 240); do
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT/health"; then return 0; fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$WORK/server-$app-$size.log"; exit 1; }
    sleep 0.5
  done
  echo "the server did not answer /health in 120 s"; exit 1
}

results=$WORK/ratios.tsv
: > "$results"
measure() { # app size scenario count
  local app=$1 size=$2 scenario=$3 count=$4
  local file=$WORK/req-$scenario.tsv
  load requests --url "http://127.0.0.1:$PORT" --password "$PASSWORD" --projects "${projects[$size]}" --scenario "$scenario" \
    --count "$count" --out "$file" >/dev/null
  # Warm-up on the second half of the requests (writes: requests the measured run does not send), then the first half.
  wrk -t1 -c"$CLIENTS" -d"${WARMUP}s" --timeout 10s -s "$root/bench/wrk-requests.lua" "http://127.0.0.1:$PORT" -- "$file" $((count / 2)) >/dev/null
  local out rps errors
  out=$(wrk -t1 -c"$CLIENTS" -d"${DURATION}s" --timeout 10s -s "$root/bench/wrk-requests.lua" "http://127.0.0.1:$PORT" -- "$file" 0)
  rps=$(awk '/^Requests\/sec:/{print $2}' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/{n+=$5} /Socket errors:/{gsub(",","");n+=$4+$6+$8+$10} END{print n+0}' <<<"$out")
  printf '%s\t%s\t%s\t%s\t%s\n' "$scenario" "$size" "$app" "$rps" "$errors" >>"$results"
  printf '  %-8s %-5s %-3s %8s req/s  errors %s\n' "$scenario" "$size" "$app" "$rps" "$errors"
}

echo "== measure: $ROUNDS rounds, $CLIENTS clients, warm-up ${WARMUP} s, ${DURATION} s each, keep-alive off"
started=$(date +%s)
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order="kp ref"; else order="ref kp"; fi
  for size in small large; do
    for app in $order; do
      echo "round $round: $app on $size ($(date -u +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg))"
      start_server "$app" "$size"
      measure "$app" "$size" projects 20000
      measure "$app" "$size" problems 20000
      if [ "$size" = large ]; then
        measure "$app" "$size" create 40000
        measure "$app" "$size" submit 40000
      fi
      stop_server
    done
  done
done

echo
echo "== results ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg), $(( $(date +%s) - started )) s)"
python3 - "$results" <<'EOF'
import sys, statistics
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if l.strip()]
runs = {}
errors = {}
for scenario, size, app, rps, err in rows:
    runs.setdefault((scenario, size, app), []).append(float(rps or 0))
    errors[(scenario, size, app)] = errors.get((scenario, size, app), 0) + int(err)
def med(k): return statistics.median(runs[k]) if k in runs else float('nan')
def spread(k): return f"{min(runs[k]):,.0f}–{max(runs[k]):,.0f}" if k in runs else "-"
print("| scenario | size | KeyProjects req/s (min–max) | reference req/s (min–max) | errors (KP/ref) |")
print("|---|---|---|---|---|")
for scenario in ("projects", "problems", "create", "submit"):
    for size in ("small", "large"):
        kp, ref = (scenario, size, "kp"), (scenario, size, "ref")
        if kp not in runs and ref not in runs: continue
        print(f"| {scenario} | {size} | {med(kp):,.0f} ({spread(kp)}) | {med(ref):,.0f} ({spread(ref)}) | {errors.get(kp,0)}/{errors.get(ref,0)} |")
print()
print("| ratio (medians) | value | target | met |")
print("|---|---|---|---|")
def line(name, value, target):
    print(f"| {name} | {value:.2f} | ≥ {target} | {'yes' if value >= target else 'NO'} |")
for scenario in ("projects", "problems"):
    line(f"{scenario}: KeyProjects large / small", med((scenario, "large", "kp")) / med((scenario, "small", "kp")), 0.9)
    line(f"{scenario}: KeyProjects / reference, large", med((scenario, "large", "kp")) / med((scenario, "large", "ref")), 0.5)
for scenario in ("create", "submit"):
    line(f"{scenario}: KeyProjects / reference, large", med((scenario, "large", "kp")) / med((scenario, "large", "ref")), 0.6)
if any(errors.values()): print("\nErrors (non-2xx answers or socket errors) in some runs: see the lines above; server logs in the work folder.")
EOF
