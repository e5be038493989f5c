#!/usr/bin/env bash
# bench/writes.sh — API writes per second: CLIENTS connections (default 4) upsert distinct
# events through PUT /api/v1/events/external/{id}, as a ticketing system's sync would.
#
# What it does:
#   1. Seeds a fresh database with `seed --synthetic $EVENTS` (SQLite file in $OUT, or a fresh
#      PostgreSQL database `kp_bench_writes` on the server of PG_URL when that is set).
#   2. Puts 16 API tokens of one organisation into it (only their SHA-256 is stored; several
#      tokens keep the benchmark under each token's hourly write limit).
#   3. Starts `serve` on a free loopback port and waits for /healthz.
#   4. Runs  wrk -t2 -c$CLIENTS (-t1 for one client) -d${DURATION}s --latency -s writes.lua  where every request
#      is a PUT of a new event (a distinct external id, one date next week) with one of the
#      tokens, and reports writes/s, p50, p99 and the answers that were not 2xx.
#   5. Counts the events in the database before and after: every 2xx must be one new event.
# Variables: EVENTS (2000), DURATION (10), CLIENTS (4), OUT (bench/out/writes),
#            PG_URL (postgres://postgres@127.0.0.1:5432/postgres to run on PostgreSQL),
#            BIN (target/release/kulturportal)
# Usage: bash bench/writes.sh            PG_URL=postgres://postgres@127.0.0.1:5432/postgres bash bench/writes.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
EVENTS="${EVENTS:-2000}"
DURATION="${DURATION:-10}"
CLIENTS="${CLIENTS:-4}"
OUT="${OUT:-bench/out/writes}"
PG_URL="${PG_URL:-}"
BIN="${BIN:-$ROOT/target/release/kulturportal}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
log() { printf '[writes %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

command -v wrk >/dev/null 2>&1 || { echo "wrk is missing (bench/run.sh installs it)" >&2; exit 1; }
[[ -x $BIN ]] || cargo build --release --locked

if [[ -n $PG_URL ]]; then
    BACKEND=postgres
    psql "$PG_URL" -qc "DROP DATABASE IF EXISTS kp_bench_writes" >/dev/null
    psql "$PG_URL" -qc "CREATE DATABASE kp_bench_writes" >/dev/null
    DB_URL="${PG_URL%/*}/kp_bench_writes"
    sql() { psql "$DB_URL" -Atqc "$1"; }
else
    BACKEND=sqlite
    rm -f "$OUT"/writes.db*
    DB_URL="sqlite://$OUT/writes.db"
    sql() { sqlite3 "$OUT/writes.db" "$1"; }
fi

log "seeding $EVENTS events ($BACKEND)"
"$BIN" seed --synthetic "$EVENTS" --database-url "$DB_URL" >"$OUT/seed-$BACKEND.log" 2>&1
ORG="$(sql "SELECT id FROM organizations ORDER BY id LIMIT 1")"
sql "UPDATE organizations SET verified = TRUE WHERE id = $ORG" >/dev/null
TOKENS=()
for n in $(seq 1 16); do
    token="kp_bench$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    hash="$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
    sql "INSERT INTO api_tokens (organization_id, name, hash, created_at) VALUES ($ORG, 'bench $n', '$hash', 0)" >/dev/null
    TOKENS+=("\"$token\"")
done
BEFORE="$(sql "SELECT COUNT(*) FROM events")"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
KP_LOG="${KP_LOG:-warn}" "$BIN" serve --bind "127.0.0.1:$PORT" --base-url "$BASE" \
    --database-url "$DB_URL" >"$OUT/server-$BACKEND.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
    curl -fs "$BASE/healthz" >/dev/null 2>&1 && break
    kill -0 $SERVER 2>/dev/null || { tail -20 "$OUT/server-$BACKEND.log" >&2; exit 1; }
    sleep 0.2
done

DAY="$(date -d '+7 days' +%F)"
TOKEN_LIST="$(IFS=,; echo "${TOKENS[*]}")"
cat >"$OUT/writes.lua" <<LUA
local tokens = { $TOKEN_LIST }
local body = '{"title": "Lastprobe", "description": "Ein Abend zum Messen.", "categories": ["musik"], "location": "Probebühne, Rottstraße 5", "dates": [{"start": "${DAY}T19:30"}], "price": {"kind": "free"}}'
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
end
local n = 0
function request()
    n = n + 1
    wrk.headers["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1]
    wrk.headers["Content-Type"] = "application/json"
    return wrk.format("PUT", "/api/v1/events/external/bench-" .. tid .. "-" .. n, nil, body)
end
LUA

log "writing for ${DURATION} s with $CLIENTS clients"
THREADS=$((CLIENTS < 2 ? 1 : 2))
wrk -t"$THREADS" -c"$CLIENTS" -d"${DURATION}s" --latency -s "$OUT/writes.lua" "$BASE" >"$OUT/wrk-writes-$BACKEND.txt"
AFTER="$(sql "SELECT COUNT(*) FROM events")"
RPS="$(awk '/^Requests\/sec/ { print $2 }' "$OUT/wrk-writes-$BACKEND.txt")"
P50="$(awk '$1 == "50%" { print $2 }' "$OUT/wrk-writes-$BACKEND.txt")"
P99="$(awk '$1 == "99%" { print $2 }' "$OUT/wrk-writes-$BACKEND.txt")"
NON2XX="$(awk '/Non-2xx/ { print $NF }' "$OUT/wrk-writes-$BACKEND.txt")"
printf '| %s | %s | %s | %s | %s | %s |\n' "$BACKEND" "$CLIENTS" "$RPS" "$P50" "$P99" "${NON2XX:-0}" \
    | tee -a "$OUT/results.md"
log "events before $BEFORE, after $AFTER (+$((AFTER - BEFORE)))"
if [[ -n $PG_URL ]]; then
    kill $SERVER 2>/dev/null || true
    wait $SERVER 2>/dev/null || true
    psql "$PG_URL" -qc "DROP DATABASE IF EXISTS kp_bench_writes" >/dev/null || true
fi
