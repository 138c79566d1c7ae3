#!/usr/bin/env bash
# Starts the whole backend on embedded defaults: a local PostgreSQL (real binaries from Maven Central, data in
# .data/postgres, kept across restarts), the command side on :8080 and the query side on :8081.
# Ctrl-C (or SIGTERM) stops everything it started, the database last.
#
# Settings (environment): DAIBAN_DB_PORT (54329), DAIBAN_DATA_DIR (.data), COMMAND_PORT (8080),
# QUERY_PORT (8081), JAVA_HOME (else java on the PATH; 17 or newer).
#
# Each application runs in a 512 MiB heap (and at most 256 MiB of class metadata; the query side loads ~96 MB):
# the size the default run is sized and tested for (the end-to-end tests start the jars with the same limits).
set -euo pipefail
cd "$(dirname "$0")"

# PostgreSQL refuses to run as root: re-enter as an unprivileged user of a user namespace if needed.
if [ "$(id -u)" = "0" ] && [ -z "${DAIBAN_UNPRIVILEGED:-}" ]; then
  exec scripts/unprivileged "$0" "$@"
fi

DB_PORT="${DAIBAN_DB_PORT:-54329}"
DATA_DIR="${DAIBAN_DATA_DIR:-.data}"
COMMAND_PORT="${COMMAND_PORT:-8080}"
QUERY_PORT="${QUERY_PORT:-8081}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
LOGS="$DATA_DIR/logs"
APP_JVM_OPTS=(-Xmx512m -XX:MaxMetaspaceSize=256m)

VERSION=0.1.0-SNAPSHOT
PG_JAR="local-postgres/target/local-postgres-$VERSION-exec.jar"
COMMAND_JAR="command-side/target/command-side-exec.jar"
QUERY_JAR="query-side/target/query-side-exec.jar"

say() { printf '\033[1m[run.sh]\033[0m %s\n' "$*"; }

if ! command -v "$JAVA" >/dev/null 2>&1; then
  say "no java found: install a JDK 17 or newer, or set JAVA_HOME"; exit 1
fi
java_major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
if [ "${java_major%%.*}" -lt 17 ] 2>/dev/null; then
  say "java $java_major found; 17 or newer is needed"; exit 1
fi

# Build on first use, and again whenever a source or build file is newer than the jars.
needs_build() {
  for jar in "$PG_JAR" "$COMMAND_JAR" "$QUERY_JAR"; do [ -f "$jar" ] || return 0; done
  [ -n "$(find pom.xml shared-kernel local-postgres web-security personal-data command-side query-side \
          -newer "$COMMAND_JAR" -type f -not -path '*/target/*' 2>/dev/null | head -n 1)" ]
}
if needs_build; then
  say "building (first run or sources changed; tests skipped, run ./mvnw -B verify for those) ..."
  ./mvnw -B -q -DskipTests package
fi

mkdir -p "$LOGS"
PIDS=()
stopping=0
stop_all() {
  [ "$stopping" = 1 ] && return; stopping=1
  say "stopping ..."
  # Applications first (graceful shutdown), the database last.
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

fail() {
  say "$1 did not start; the end of $2:"; tail -n 40 "$2" >&2 || true; exit 1
}

say "starting PostgreSQL on port $DB_PORT (data in $DATA_DIR/postgres) ..."
rm -f "$DATA_DIR/postgres.ready"
"$JAVA" -jar "$PG_JAR" --data-dir "$DATA_DIR/postgres" --port "$DB_PORT" > "$LOGS/postgres.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 240); do
  [ -f "$DATA_DIR/postgres.ready" ] && break
  kill -0 "${PIDS[0]}" 2>/dev/null || fail "PostgreSQL" "$LOGS/postgres.log"
  sleep 0.5
done
[ -f "$DATA_DIR/postgres.ready" ] || fail "PostgreSQL (timed out)" "$LOGS/postgres.log"

export DAIBAN_DB_URL="jdbc:postgresql://localhost:$DB_PORT/daiban"
say "starting the command side on port $COMMAND_PORT ..."
"$JAVA" "${APP_JVM_OPTS[@]}" -jar "$COMMAND_JAR" --server.port="$COMMAND_PORT" --spring.profiles.active="${DAIBAN_PROFILES:-embedded}" > "$LOGS/command-side.log" 2>&1 &
PIDS+=($!)
# The query side reads the command side's event table: start it once the command side's schema exists.
for _ in $(seq 1 240); do
  grep -q "Started CommandSideApplication" "$LOGS/command-side.log" 2>/dev/null && break
  kill -0 "${PIDS[1]}" 2>/dev/null || fail "The command side" "$LOGS/command-side.log"
  sleep 0.5
done
grep -q "Started CommandSideApplication" "$LOGS/command-side.log" || fail "The command side (timed out)" "$LOGS/command-side.log"

say "starting the query side on port $QUERY_PORT ..."
# .xlsx exports keep POI's temporary files in the application's own data dir, created owner-only.
"$JAVA" "${APP_JVM_OPTS[@]}" -jar "$QUERY_JAR" --server.port="$QUERY_PORT" --spring.profiles.active="${DAIBAN_PROFILES:-embedded}" \
  --daiban.export.temp-dir="$DATA_DIR/export-tmp" > "$LOGS/query-side.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 240); do
  grep -q "Started QuerySideApplication" "$LOGS/query-side.log" 2>/dev/null && break
  kill -0 "${PIDS[2]}" 2>/dev/null || fail "The query side" "$LOGS/query-side.log"
  sleep 0.5
done
grep -q "Started QuerySideApplication" "$LOGS/query-side.log" || fail "The query side (timed out)" "$LOGS/query-side.log"

cat <<EOF

  帮办代办 backend is up (embedded mode).

  Command API   http://localhost:$COMMAND_PORT/api         OpenAPI http://localhost:$COMMAND_PORT/v3/api-docs
                                                     browse  http://localhost:$COMMAND_PORT/swagger-ui.html
  Query API     http://localhost:$QUERY_PORT/api         OpenAPI http://localhost:$QUERY_PORT/v3/api-docs
                                                     browse  http://localhost:$QUERY_PORT/swagger-ui.html
  Health        http://localhost:$COMMAND_PORT/actuator/health   http://localhost:$QUERY_PORT/actuator/health
  Sign in       curl -s -X POST localhost:$COMMAND_PORT/api/dev/tokens -H 'Content-Type: application/json' -d '{"user":"village-agent"}'
                (sample users: GET localhost:$COMMAND_PORT/api/dev/users), then send  Authorization: Bearer <token>
  PostgreSQL    $DAIBAN_DB_URL (user postgres)
  Logs          $LOGS/

  Ctrl-C stops everything.

EOF

# Stay in the foreground until Ctrl-C, or until one of the processes dies.
while true; do
  for pid in "${PIDS[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "a process ($pid) exited unexpectedly; see $LOGS/"; exit 1
    fi
  done
  sleep 1
done
