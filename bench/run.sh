#!/usr/bin/env bash
# The province-scale benchmark end to end (bench/README.md): builds Release, generates the registry (20,000 projects
# in 200 units) and the ledger files, starts the app on 127.0.0.1, runs the load driver, stops the app, prints a table.
#
#   bench/run.sh                 SQLite
#   DB=postgres bench/run.sh     PostgreSQL 15 from Debian's packages (.ci/postgres.sh), throwaway, fsync off
#
# Settings (environment): CLIENTS=16 DURATION=30 WARMUP=5 EXPORT_RUNS=3 WORK=/tmp/kp-bench PORT=5180
# PARTS=registry,import,progress (which parts to run; progress = issue 3: 1.2 million monthly reports, the dashboard, the
# metrics of every unit, reports submitted by SUBMIT_CLIENTS=32 clients)
# QUIET_WAIT=300 (seconds to wait for other processes on the machine to go quiet before measuring; 0 = do not wait)
# problems = issue 4: 100,000 problems in the registry, a city's overdue list, the escalation sweep, problems raised by CLIENTS
# REGENERATE=1 (build the registry again even if WORK holds one)  PROFILE=1 (also run the in-process profiler)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

DB=${DB:-sqlite}
CLIENTS=${CLIENTS:-16}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-5}
EXPORT_RUNS=${EXPORT_RUNS:-3}
WORK=${WORK:-/tmp/kp-bench}
PORT=${PORT:-5180}
QUIET_WAIT=${QUIET_WAIT:-300}
PARTS=${PARTS:-registry,import,progress}
pg_processes=
SUBMIT_CLIENTS=${SUBMIT_CLIENTS:-32}
part() { [[ ",$PARTS," == *",$1,"* ]]; }
PASSWORD=Bench-root-2026
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$WORK"

web_dll=$root/src/KeyProjects.Web/bin/Release/net10.0/KeyProjects.Web.dll
load_dll=$root/bench/KeyProjects.Load/bin/Release/net10.0/KeyProjects.Load.dll
load() { dotnet "$load_dll" "$@"; }

echo "== build (Release)"
# Every bench project (bench/KeyProjects.Bench.slnx; KeyProjects.slnx, the test command's, holds src/ and tests/ only).
dotnet build -c Release "$root/bench/KeyProjects.Bench.slnx" -v quiet -nologo

server_pid=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
cleanup() {
  stop_server
  if [ "$DB" = postgres ]; then pg_stop; fi
}
trap cleanup EXIT

# Databases: one registry (lists, export) and one with the 200 units only (import creates the 20,000 projects).
if [ "$DB" = postgres ]; then
  source "$root/.ci/postgres.sh"
  pg_start
  pg_cs() { echo "Host=127.0.0.1;Port=${PG_PORT};Username=keyprojects;Password=${PG_PASSWORD};Database=$1"; }
  registry_args=(--postgres "$(pg_cs kp_registry)")
  units_args=(--postgres "$(pg_cs kp_import)")
  server_db() { db_args=(--Database:Provider=Postgres "--ConnectionStrings:Postgres=$(pg_cs "$1")"); }
  label=PostgreSQL
  echo "== generate (PostgreSQL)"
  if part registry; then load generate "${registry_args[@]}" --admin-password "$PASSWORD"; fi
  if part import; then load generate "${units_args[@]}" --projects 0 --admin-password "$PASSWORD"; fi
  if part progress; then
    # The registry again, then five years of monthly reports in it (timed: docs/PERFORMANCE.md quotes it).
    load generate --postgres "$(pg_cs kp_progress)" --admin-password "$PASSWORD"
    /usr/bin/time -f "reports: %e s wall, %M KB max RSS" dotnet "$load_dll" reports --postgres "$(pg_cs kp_progress)" --admin-password "$PASSWORD"
    PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U keyprojects -d kp_progress -Atc \
      "SELECT 'database size: ' || pg_size_pretty(pg_database_size('kp_progress')) || ', MonthlyReports ' || pg_size_pretty(pg_total_relation_size('\"MonthlyReports\"')) || ', ReportRevisions ' || pg_size_pretty(pg_total_relation_size('\"ReportRevisions\"'))"
  fi
  if part problems; then
    # The registry again, then departments, users and 100,000 problems relative to today (timed: docs/PERFORMANCE.md quotes it).
    load generate --postgres "$(pg_cs kp_problems)" --admin-password "$PASSWORD"
    /usr/bin/time -f "problems: %e s wall, %M KB max RSS" dotnet "$load_dll" problems --postgres "$(pg_cs kp_problems)" --admin-password "$PASSWORD"
  fi
  db_count() { PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U keyprojects -d kp_problems -Atc "$1"; }
  registry=kp_registry; units=kp_import; progress=kp_progress; problems=kp_problems
  # The load driver counts the CPU of this database's backends apart from "others".
  pg_processes=" kp_progress "
  if part problems; then pg_processes=" kp_problems "; fi
else
  label=SQLite
  if [ ! -f "$WORK/registry.db" ] || [ "${REGENERATE:-0}" = 1 ]; then
    echo "== generate (SQLite)"
    rm -f "$WORK"/registry.db* "$WORK"/units.db*
    load generate --sqlite "$WORK/registry.db.tmp" --admin-password "$PASSWORD"
    mv "$WORK/registry.db.tmp" "$WORK/registry.db"
    load generate --sqlite "$WORK/units.db" --projects 0 --admin-password "$PASSWORD"
  else
    echo "== generate: $WORK/registry.db is there (REGENERATE=1 to build it again)"
  fi
  # The runs work on copies, so the generated files stay as the generator left them.
  if part progress && { [ ! -f "$WORK/progress.db" ] || [ "${REGENERATE:-0}" = 1 ]; }; then
    echo "== reports (SQLite): five years of monthly reports in a copy of the registry"
    rm -f "$WORK"/progress.db*
    cp "$WORK/registry.db" "$WORK/progress.db.tmp"
    /usr/bin/time -f "reports: %e s wall, %M KB max RSS" dotnet "$load_dll" reports --sqlite "$WORK/progress.db.tmp" --admin-password "$PASSWORD"
    mv "$WORK/progress.db.tmp" "$WORK/progress.db"
  fi
  # Issue 4: departments, users and 100,000 problems (relative to today) in another copy of the registry. The problems
  # are dated from today: a file generated on an earlier day is generated again.
  if part problems && { [ ! -f "$WORK/problems.db" ] || [ "${REGENERATE:-0}" = 1 ] || [ "$(cat "$WORK/problems.day" 2>/dev/null)" != "$(TZ=Asia/Shanghai date +%F)" ]; }; then
    echo "== problems (SQLite): departments, users and 100,000 problems in a copy of the registry"
    rm -f "$WORK"/problems.db*
    cp "$WORK/registry.db" "$WORK/problems.db.tmp"
    /usr/bin/time -f "problems: %e s wall, %M KB max RSS" dotnet "$load_dll" problems --sqlite "$WORK/problems.db.tmp" --admin-password "$PASSWORD"
    mv "$WORK/problems.db.tmp" "$WORK/problems.db"
    TZ=Asia/Shanghai date +%F > "$WORK/problems.day"
  fi
  [ -f "$WORK/progress.db" ] && echo "progress.db: $(du -m "$WORK/progress.db" | cut -f1) MB"
  if part registry; then cp "$WORK/registry.db" "$WORK/run-registry.db"; fi
  if part import; then cp "$WORK/units.db" "$WORK/run-import.db"; fi
  if part progress; then cp "$WORK/progress.db" "$WORK/run-progress.db"; fi
  if part problems; then cp "$WORK/problems.db" "$WORK/run-problems.db"; fi
  rm -f "$WORK"/run-*.db-wal "$WORK"/run-*.db-shm
  server_db() { db_args=(--Database:Provider=Sqlite "--ConnectionStrings:Sqlite=Data Source=$WORK/run-$1.db"); }
  db_count() { sqlite3 "$WORK/run-problems.db" "$1"; }
  registry=registry; units=import; progress=progress; problems=problems
fi

if part import; then
  echo "== ledger files"
  [ -f "$WORK/ledger-2024.xlsx" ] || load ledger --out "$WORK/ledger-2024.xlsx"
  [ -f "$WORK/ledger-2024-remarks.xlsx" ] || load ledger --out "$WORK/ledger-2024-remarks.xlsx" --remarks "2024年12月调度：已核实"
fi

# Every client logs in from 127.0.0.1: the per-address login limit (issue 12, 60 a minute) is raised for the driver.
start_server() {
  local db=$1; shift
  server_db "$db"
  dotnet "$web_dll" --urls "http://127.0.0.1:$PORT" --contentRoot "$root/src/KeyProjects.Web" "${db_args[@]}" \
    --Seed:DemoData=false "--Seed:AdminPassword=$PASSWORD" --Auth:LoginRequestsPerMinute=100000 "$@" >"$WORK/server-$db.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT/health"; then
      grep -q "KeyProjects.Web.dll" "/proc/$server_pid/cmdline" || { echo "pid $server_pid is not the server"; exit 1; }
      echo "server pid $server_pid on $db, RSS $(awk '/VmRSS/{print int($2/1024)}' "/proc/$server_pid/status") MB"
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$WORK/server-$db.log"; exit 1; }
    sleep 0.5
  done
  echo "the server did not answer /health in 60 s"; exit 1
}

# Other sessions may share this machine: wait (bounded) until the CPU is idle, and let the report show what others used.
wait_quiet() {
  [ "$QUIET_WAIT" -gt 0 ] || return 0
  local waited=0
  while [ "$waited" -lt "$QUIET_WAIT" ]; do
    read -r _ u1 n1 s1 i1 w1 q1 sq1 st1 _ < /proc/stat; sleep 5
    read -r _ u2 n2 s2 i2 w2 q2 sq2 st2 _ < /proc/stat
    local busy=$(( (u2+n2+s2+q2+sq2+st2) - (u1+n1+s1+q1+sq1+st1) ))
    # 5 s × 100 ticks × 2 cores = 1000 ticks; quiet is under 10 % of one core.
    if [ "$busy" -lt 50 ]; then return 0; fi
    echo "waiting for the machine to go quiet (others used $(( busy / 5 ))% of a core)"
    waited=$((waited + 5))
  done
  echo "the machine did not go quiet in ${QUIET_WAIT} s: measuring anyway (see the 'others' CPU column)"
}

results=$WORK/results-$label.json
rm -f "$results"

if part registry; then
  echo "== load: lists and export on the registry ($label)"
  start_server "$registry"
  wait_quiet
  load load --url "http://127.0.0.1:$PORT" --password "$PASSWORD" --pid "$server_pid" --database "$label" \
    --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" --export-runs "$EXPORT_RUNS" \
    --scenarios api-list,ui-partial,ui-full,export --out "$results" || true
  stop_server
fi

if part import; then
  echo "== load: import into the registry's 200 units ($label)"
  start_server "$units"
  wait_quiet
  load load --url "http://127.0.0.1:$PORT" --password "$PASSWORD" --pid "$server_pid" --database "$label" --scenarios import \
    --import "new:$WORK/ledger-2024.xlsx,again:$WORK/ledger-2024.xlsx,changed:$WORK/ledger-2024-remarks.xlsx" --out "$results" || true
  stop_server
fi

if part progress; then
  # Issue 3: the dashboard (the first request alone builds the in-memory progress index: reported as "cold"), the
  # metrics of each unit in turn, then reports submitted for 2025 (writes: last).
  echo "== load: investment progress on 1.2 million monthly reports ($label)"
  start_server "$progress"
  wait_quiet
  load load --url "http://127.0.0.1:$PORT" --password "$PASSWORD" --pid "$server_pid" --database "$label" \
    --clients "$CLIENTS" --submit-clients "$SUBMIT_CLIENTS" --duration "$DURATION" --warmup "$WARMUP" \
    ${pg_processes:+--database-processes "$pg_processes"} --scenarios dashboard,metrics,submit --out "$results" || true
  stop_server
fi

if part problems; then
  # Issue 4: the overdue list of a city (read-only), the escalation sweep twice (the data as generated, then again), then
  # problems raised by CLIENTS clients (writes: last). The background sweep is off, so only the measured one works.
  echo "== load: problem ledger, 100,000 problems ($label)"
  start_server "$problems" --Problems:SweepInBackground=false
  echo "problems $(db_count 'SELECT COUNT(*) FROM "Problems"'), steps $(db_count 'SELECT COUNT(*) FROM "ProblemSteps"'), notices $(db_count 'SELECT COUNT(*) FROM "Notices"')"
  wait_quiet
  load load --url "http://127.0.0.1:$PORT" --password "$PASSWORD" --pid "$server_pid" --database "$label" \
    --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" ${pg_processes:+--database-processes "$pg_processes"} \
    --scenarios problems-list,problems-sweep --out "$results" || true
  echo "after the sweeps: notices $(db_count 'SELECT COUNT(*) FROM "Notices"'), steps $(db_count 'SELECT COUNT(*) FROM "ProblemSteps"')"
  wait_quiet
  load load --url "http://127.0.0.1:$PORT" --password "$PASSWORD" --pid "$server_pid" --database "$label" \
    --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" ${pg_processes:+--database-processes "$pg_processes"} \
    --scenarios problems-create --out "$results" || true
  echo "in the database after creation: problems $(db_count 'SELECT COUNT(*) FROM "Problems"'), raised today by bench-staff users $(db_count "SELECT COUNT(*) FROM \"Problems\" WHERE \"RaisedById\" <> 'bench'"), notices $(db_count 'SELECT COUNT(*) FROM "Notices"')"
  stop_server
fi

if [ "${PROFILE:-0}" = 1 ] && [ "$DB" = sqlite ] && part registry; then
  echo "== profile (in process, one call at a time)"
  cp "$WORK/registry.db" "$WORK/profile.db"
  load profile --sqlite "$WORK/profile.db" --what list,export --repeat 20 | tee "$WORK/profile-$label.txt"
fi
if [ "${PROFILE:-0}" = 1 ] && part progress; then
  echo "== profile of the progress views and of a report's save (in process, one call at a time)"
  if [ "$DB" = sqlite ]; then
    cp "$WORK/progress.db" "$WORK/profile-progress.db"; rm -f "$WORK"/profile-progress.db-*
    load profile --sqlite "$WORK/profile-progress.db" --what progress --repeat 20 | tee "$WORK/profile-progress-$label.txt"
  else
    load profile --postgres "$(pg_cs kp_progress)" --what progress --repeat 20 | tee "$WORK/profile-progress-$label.txt"
  fi
fi

echo
echo "== results ($label; machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/{print int($2/1024/1024)}' /proc/meminfo) GB, .NET $(dotnet --list-runtimes | awk '/NETCore.App/{print $2}' | tail -1))"
load report "$results" | tee "$WORK/report-$label.md"
