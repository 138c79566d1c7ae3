#!/usr/bin/env bash
# The benchmark: starts PostgreSQL and both applications as ./run.sh does (same jars, same durable database settings,
# same JVM options: -Xmx512m -XX:MaxMetaspaceSize=256m, plus BENCH_APP_JAVA_OPTS), but on a data dir of its own (target/bench/data, emptied
# first) and ports of its own, runs the phases and writes target/bench/report.md. Everything it started is stopped
# at the end, on Ctrl-C and on failure. Not part of ./mvnw verify.
#
# Settings (environment), see README "Performance":
#   BENCH_PHASES (startup,raw,commands,seed,catchup,commands-large,lag,rebuild,reads), BENCH_SECONDS (20 per point),
#   BENCH_WARMUP_SECONDS (10: commissioning, then the mix, at 4 clients before the first measured point, under a JFR
#   recording thrown away, not reported),
#   BENCH_DELEGATIONS (1000000), BENCH_VILLAGES (10), BENCH_CLIENTS (1,4,16,32), BENCH_RAW_CONNECTIONS (1,4,16),
#   BENCH_CATCHUP_MAX_SECONDS (300), BENCH_REBUILD_MAX_SECONDS (420), BENCH_OPEN_SHARE (0.3), BENCH_SEED_THREADS (2),
#   BENCH_PROFILE (true), BENCH_APP_JAVA_OPTS (empty; added to run.sh's heap bounds), BENCH_DB_PORT (55439), BENCH_COMMAND_PORT (18080),
#   BENCH_QUERY_PORT (18081), JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")"

# PostgreSQL refuses to run as root: re-enter as an unprivileged user of a user namespace if needed.
if [ "$(id -u)" = "0" ] && [ -z "${DAIBAN_UNPRIVILEGED:-}" ]; then
  exec scripts/unprivileged "$0" "$@"
fi

OUT=target/bench
DATA_DIR="$OUT/data"
LOGS="$OUT/logs"
DB_PORT="${BENCH_DB_PORT:-55439}"
COMMAND_PORT="${BENCH_COMMAND_PORT:-18080}"
QUERY_PORT="${BENCH_QUERY_PORT:-18081}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The heap and class-metadata bounds run.sh gives each application, plus anything BENCH_APP_JAVA_OPTS adds.
APP_OPTS=(-Xmx512m -XX:MaxMetaspaceSize=256m ${BENCH_APP_JAVA_OPTS:-})

VERSION=0.1.0-SNAPSHOT
PG_JAR="local-postgres/target/local-postgres-$VERSION-exec.jar"
COMMAND_JAR="command-side/target/command-side-exec.jar"
QUERY_JAR="query-side/target/query-side-exec.jar"
BENCH_JAR="benchmark/target/benchmark-exec.jar"

say() { printf '\033[1m[bench.sh]\033[0m %s\n' "$*"; }
now() { date +%s.%N; }

needs_build() {
  for jar in "$PG_JAR" "$COMMAND_JAR" "$QUERY_JAR" "$BENCH_JAR"; do [ -f "$jar" ] || return 0; done
  [ -n "$(find pom.xml shared-kernel local-postgres web-security personal-data command-side query-side benchmark \
          -newer "$BENCH_JAR" -type f -not -path '*/target/*' 2>/dev/null | head -n 1)" ] && return 0
  [ -n "$(find "$COMMAND_JAR" "$QUERY_JAR" -newer "$BENCH_JAR" 2>/dev/null | head -n 1)" ]
}
if needs_build; then
  say "building (tests skipped) ..."
  ./mvnw -B -q -DskipTests package -pl local-postgres,command-side,query-side,benchmark -am
  touch "$BENCH_JAR"
fi

rm -rf "$DATA_DIR" "$LOGS"
mkdir -p "$LOGS" "$OUT"
PIDS=()
stopping=0
stop_all() {
  [ "$stopping" = 1 ] && return; stopping=1
  say "stopping ..."
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do
    pid="${PIDS[$i]}"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  say "stopped"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

fail() { say "$1 did not start; the end of $2:"; tail -n 40 "$2" >&2 || true; exit 1; }

# wait_for LOG PATTERN PID NAME (at most 10 minutes: a busy 2-core machine starts an application in minutes)
wait_for() {
  for _ in $(seq 1 2400); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || fail "$4" "$1"
    sleep 0.25
  done
  fail "$4 (timed out)" "$1"
}

say "starting PostgreSQL on port $DB_PORT (data in $DATA_DIR/postgres, durable as ./run.sh) ..."
t0=$(now)
"$JAVA" -jar "$PG_JAR" --data-dir "$DATA_DIR/postgres" --port "$DB_PORT" > "$LOGS/postgres.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 2400); do
  [ -f "$DATA_DIR/postgres.ready" ] && break
  kill -0 "${PIDS[0]}" 2>/dev/null || fail "PostgreSQL" "$LOGS/postgres.log"
  sleep 0.25
done
[ -f "$DATA_DIR/postgres.ready" ] || fail "PostgreSQL (timed out)" "$LOGS/postgres.log"
export BENCH_PG_STARTUP_S=$(awk -v a="$(now)" -v b="$t0" "BEGIN{printf \"%.1f\", a-b}")

export DAIBAN_DB_URL="jdbc:postgresql://localhost:$DB_PORT/daiban"
say "starting the command side on port $COMMAND_PORT ..."
t0=$(now)
"$JAVA" "${APP_OPTS[@]}" -jar "$COMMAND_JAR" --server.port="$COMMAND_PORT" --spring.profiles.active=embedded \
  > "$LOGS/command-side.log" 2>&1 &
PIDS+=($!); COMMAND_PID=$!
wait_for "$LOGS/command-side.log" "Started CommandSideApplication" "$COMMAND_PID" "The command side"
export BENCH_COMMAND_STARTUP_S=$(awk -v a="$(now)" -v b="$t0" "BEGIN{printf \"%.1f\", a-b}")

say "starting the query side on port $QUERY_PORT ..."
t0=$(now)
"$JAVA" "${APP_OPTS[@]}" -jar "$QUERY_JAR" --server.port="$QUERY_PORT" --spring.profiles.active=embedded \
  > "$LOGS/query-side.log" 2>&1 &
PIDS+=($!); QUERY_PID=$!
wait_for "$LOGS/query-side.log" "Started QuerySideApplication" "$QUERY_PID" "The query side"
export BENCH_QUERY_STARTUP_S=$(awk -v a="$(now)" -v b="$t0" "BEGIN{printf \"%.1f\", a-b}")

spring_figure() { grep -o "Started [A-Za-z]* in [0-9.]* seconds[^)]*)" "$1" | head -n 1 | sed 's/Started [A-Za-z]* in //'; }
export BENCH_COMMAND_SPRING="$(spring_figure "$LOGS/command-side.log")"
export BENCH_QUERY_SPRING="$(spring_figure "$LOGS/query-side.log")"
export BENCH_COMMAND_PID="$COMMAND_PID" BENCH_QUERY_PID="$QUERY_PID" BENCH_OUT="$OUT"
export BENCH_DB_URL="$DAIBAN_DB_URL"
export BENCH_COMMAND_URL="http://localhost:$COMMAND_PORT" BENCH_QUERY_URL="http://localhost:$QUERY_PORT"

say "running the phases (${BENCH_PHASES:-all}); progress below, logs in $LOGS/"
"$JAVA" -jar "$BENCH_JAR" 2>&1 | tee "$LOGS/bench.log"
status=${PIPESTATUS[0]}
say "report: $(pwd)/$OUT/report.md"
exit "$status"
