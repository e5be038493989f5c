#!/usr/bin/env bash
# bench/run.sh — load benchmark of the Kulturportal release binary, with nginx as yardstick.
#
# What it does, in order:
#   1. Installs `wrk` and `nginx` (nginx-light, else nginx) with apt-get if they are missing
#      (`apt-get update` runs once, and only if the packages are not known to apt yet).
#   2. Builds `target/release/kulturportal` with `cargo build --release` if it is missing.
#   3. Seeds a fresh SQLite database  $OUT/bench.db  with `seed --synthetic $EVENTS` (timed).
#   4. Starts `serve` on a free loopback port and times the start until GET /healthz says "ok"
#      (this includes the database preparation and the build of the search index).
#      This is done once per round: "cached" (server defaults, page micro-cache on) and
#      "uncached" (KP_PAGE_CACHE_SECONDS=0, so every request is rendered).
#   5. For each URL (list page, filtered list, search, API, one event page, the English list
#      page) it checks the
#      status, warms up for $WARMUP seconds, then runs
#          wrk -t2 -c16 -d${DURATION}s --latency -H 'Accept-Encoding: gzip' URL
#      (in the uncached round the list page twice more: with wrk -t1 -c1, i.e. no queueing,
#      and with Accept-Encoding: identity, to see what gzip costs)
#      and records requests/s, p50, p99, the number of requests, non-2xx answers, the
#      server's CPU time (utime+stime from /proc/PID/stat, from before the run until the
#      server is idle again) divided by the number of requests = CPU ms per request, and the
#      CPU that other processes on the machine used meanwhile ("other load", should be ~0).
#   6. Saves the exact gzip bytes of the list page (curl, Accept-Encoding: gzip), serves that
#      file with nginx (config written to $OUT/nginx/nginx.conf, `gzip off`, the file sent as
#      is with `add_header Content-Encoding gzip`) on another loopback port, and runs the same
#      wrk against it: the ceiling for serving those bytes on this machine.
#   7. Reports each server's VmRSS idle and VmRSS/VmHWM (/proc/PID/status) after the load,
#      and whether a conditional GET with the page's ETag gets 304 (German list, English
#      list, event page).
#   8. Prints a Markdown table and writes it to $OUT/results.md (raw wrk output: $OUT/wrk-*.txt).
# The server and nginx are stopped on exit (trap). Only 127.0.0.1 is used; nothing is
# downloaded except Debian packages through apt-get.
#
# Variables (environment):
#   EVENTS    number of synthetic events to seed          (default 100000)
#   DURATION  seconds per wrk run                          (default 15)
#   WARMUP    seconds of wrk warm-up per URL, not counted  (default 3; 0 = none)
#   SEED      seed of the synthetic generator              (default 1)
#   OUT       output folder                                (default bench/out)
#   ROUNDS    "cached uncached" (default): the server as configured by default (page
#             micro-cache on: a repeated URL is mostly answered from memory), then again with
#             KP_PAGE_CACHE_SECONDS=0 (every request rendered). Either one alone works too.
#   THREADS / CONNECTIONS  wrk -t / -c                     (default 2 / 16)
#   WRK_TIMEOUT  wrk --timeout in seconds; answers slower than this are left out of wrk's
#             latency figures and counted as "timeout" errors instead  (default 60)
#   BIN       the binary to run             (default target/release/kulturportal)
#   WRITES    1 (default): afterwards API writes per second with bench/writes.sh (SQLite, and
#             PostgreSQL when PG_URL=postgres://… names a server); 0 skips it
#
# Usage: bash bench/run.sh          e.g. EVENTS=2000 DURATION=10 OUT=bench/out/e2000 bash bench/run.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

EVENTS="${EVENTS:-100000}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-3}"
SEED="${SEED:-1}"
WRK_TIMEOUT="${WRK_TIMEOUT:-60}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
OUT="${OUT:-bench/out}"
ROUNDS="${ROUNDS:-cached uncached}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
BIN="${BIN:-$ROOT/target/release/kulturportal}"

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
now() { date +%s.%N; }
secs_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# ---------------------------------------------------------------- 1. tools
need_pkgs=()
command -v wrk >/dev/null 2>&1 || need_pkgs+=(wrk)
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || need_pkgs+=(nginx)
command -v jq >/dev/null 2>&1 || need_pkgs+=(jq)
if ((${#need_pkgs[@]})); then
    log "installing ${need_pkgs[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    # apt-get update only if apt does not know the packages yet
    if ! apt-cache show wrk nginx jq >/dev/null 2>&1; then
        apt-get update
    fi
    pkgs=()
    for p in "${need_pkgs[@]}"; do
        if [[ $p == nginx ]]; then
            if apt-cache show nginx-light >/dev/null 2>&1; then pkgs+=(nginx-light); else pkgs+=(nginx); fi
        else
            pkgs+=("$p")
        fi
    done
    apt-get install -y "${pkgs[@]}"
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

# ---------------------------------------------------------------- 2. binary
if [[ ! -x $BIN ]]; then
    log "release binary missing: cargo build --release"
    cargo build --release
fi

# ---------------------------------------------------------------- helpers
SERVER_PID=""
NGINX_PID=""
cleanup() {
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -n $NGINX_PID ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
        kill "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A port on 127.0.0.1 that nobody listens on (bash's /dev/tcp: refused = free).
free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    echo "no free port found" >&2
    return 1
}

CLK_TCK="$(getconf CLK_TCK)"
# Busy CPU ticks of the whole machine (user nice system irq softirq steal), /proc/stat.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# utime+stime of a process in clock ticks (fields 14 and 15 of /proc/PID/stat; the fields
# after the ")" that closes the command name start with field 3).
cpu_ticks() {
    local stat rest
    stat="$(cat "/proc/$1/stat")"
    rest="${stat##*) }"
    awk '{ print $12 + $13 }' <<<"$rest"
}
# Sum over nginx master and workers.
cpu_ticks_tree() {
    local total=0 pid
    for pid in "$1" $(pgrep -P "$1" || true); do
        total=$((total + $(cpu_ticks "$pid")))
    done
    echo "$total"
}

# other_load BUSY0 BUSY1 OWN_TICKS SECONDS: CPU used by everything but OWN in that window,
# in % of all cores (our own bash/curl polling included; it is small).
other_load() {
    awk -v b0="$1" -v b1="$2" -v own="$3" -v sec="$4" -v hz="$CLK_TCK" -v cores="$(nproc)" 'BEGIN {
        o = (b1 - b0 - own) / hz; if (o < 0) o = 0
        printf "%.0f %%", o * 100 / (sec * cores) }'
}

# wrk latency value ("812.00us", "1.23ms", "1.02s") -> milliseconds
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
        else { printf "%s", v }
    }'
}

# Wait until a process (tree) has stopped using CPU: after wrk stops, requests still in
# flight are finished by the server, and their CPU must fall into the right window.
wait_idle() {
    local pid="$1" cpufn="$2" a b
    for _ in $(seq 1 240); do
        a="$($cpufn "$pid")"
        sleep 0.5
        b="$($cpufn "$pid")"
        ((b - a <= 1)) && return 0
    done
    log "warning: process $pid still busy after 120 s"
}

# run_wrk NAME URL PID CPUFN [ACCEPT_ENCODING [CONNECTIONS [THREADS]]] -> sets
#   R_RPS R_P50 R_P99 R_REQS R_NON2XX R_ERRS R_CPU_MS R_OTHER R_PEAK_MB
# CPU ms/request = server CPU from before the run until it is idle again after it, divided by
# the requests wrk completed. Requests still in flight when wrk stops (up to CONNECTIONS) are
# paid for but not counted, so for slow pages with few requests this overstates the cost;
# the sequential run (-c1) bounds that error to one request.
run_wrk() {
    local name="$1" url="$2" pid="$3" cpufn="$4" ae="${5:-gzip}" c="${6:-$CONNECTIONS}" th="${7:-$THREADS}"
    local file="$OUT/wrk-$1.txt" t0 t1
    if ((WARMUP > 0)); then
        wrk -t"$th" -c"$c" -d"${WARMUP}s" --timeout "${WRK_TIMEOUT}s" -H "Accept-Encoding: $ae" \
            "${WRK_EXTRA[@]}" "$url" >/dev/null
    fi
    wait_idle "$pid" "$cpufn"
    local busy0 busy1 w0 w1 wrk_s TIMEFORMAT='%U %S'
    w0="$(now)"; busy0="$(busy_ticks)"; t0="$($cpufn "$pid")"
    # sample the server's VmRSS (sum over the process tree for nginx) every 0.2 s meanwhile
    (
        max=0
        while sleep 0.2; do
            r=0
            for p in "$pid" $(pgrep -P "$pid" || true); do
                r=$((r + $(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)))
            done
            ((r > max)) && max=$r && echo "$max" >"$file.rss"
        done
    ) &
    local sampler=$!
    { time wrk -t"$th" -c"$c" -d"${DURATION}s" --timeout "${WRK_TIMEOUT}s" --latency \
        -H "Accept-Encoding: $ae" "${WRK_EXTRA[@]}" "$url" >"$file"; } 2>"$file.time"
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    R_PEAK_MB="$(awk '{ printf "%.0f", $1 / 1024 }' "$file.rss" 2>/dev/null || echo "?")"
    wait_idle "$pid" "$cpufn"
    t1="$($cpufn "$pid")"; busy1="$(busy_ticks)"; w1="$(now)"
    wrk_s="$(tail -1 "$file.time" | awk '{ print $1 + $2 }')"
    # CPU used on the machine by anything but the measured server and wrk, in % of all cores
    R_OTHER="$(other_load "$busy0" "$busy1" "$(awk -v a="$t0" -v b="$t1" -v w="$wrk_s" -v hz="$CLK_TCK" \
        'BEGIN { print b - a + w * hz }')" "$(awk -v a="$w0" -v b="$w1" 'BEGIN { print b - a }')")"
    R_RPS="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$file")"
    R_P50="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$file")")"
    R_P99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")")"
    R_REQS="$(awk '/requests in/ { print $1 }' "$file")"
    R_NON2XX="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$file")"
    R_NON2XX="${R_NON2XX:-0}"
    R_ERRS="$(awk '/Socket errors:/ { sub(/.*Socket errors: /, ""); print }' "$file")"
    R_ERRS="${R_ERRS:-none}"
    R_CPU_MS="$(awk -v a="$t0" -v b="$t1" -v hz="$CLK_TCK" -v n="$R_REQS" \
        'BEGIN { if (n > 0) printf "%.3f", (b - a) * 1000 / hz / n; else print "n/a" }')"
    log "$name: ${R_RPS} req/s, p50 ${R_P50} ms, p99 ${R_P99} ms, ${R_REQS} requests, non-2xx ${R_NON2XX}, CPU ${R_CPU_MS} ms/req, other load ${R_OTHER}, peak RSS ${R_PEAK_MB} MB, socket errors: ${R_ERRS}"
}

# ---------------------------------------------------------------- 3. seed
DB="$OUT/bench.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
DB_URL="sqlite://$DB"
log "seeding $EVENTS synthetic events (seed $SEED) into $DB"
t="$(now)"; b0="$(busy_ticks)"
{ TIMEFORMAT='%U %S'; time "$BIN" seed --synthetic "$EVENTS" --seed "$SEED" --database-url "$DB_URL" >"$OUT/seed.log" 2>&1; } 2>"$OUT/seed.time"
SEED_S="$(secs_since "$t")"
SEED_OTHER="$(other_load "$b0" "$(busy_ticks)" "$(tail -1 "$OUT/seed.time" | awk -v hz="$CLK_TCK" '{ print ($1 + $2) * hz }')" "$SEED_S")"
DB_MB="$(du -cm "$DB"* | awk 'END { print $1 }')"
log "seeded in ${SEED_S} s (database ${DB_MB} MB, other load ${SEED_OTHER})"

# ---------------------------------------------------------------- 4./5. rounds
# start_server TAG: starts `serve` (page cache as configured for the round), waits for
# /healthz, sets SERVER_PID BASE and START_S[TAG] START_OTHER[TAG] RSS_IDLE[TAG].
declare -A START_S START_OTHER RSS_IDLE RSS_AFTER HWM_AFTER RSS_SPLIT
start_server() {
    local tag="$1" t b0 port
    port="$(free_port)"
    BASE="http://127.0.0.1:$port"
    log "starting server ($tag) on $BASE"
    t="$(now)"; b0="$(busy_ticks)"
    if [[ $tag == uncached ]]; then
        KP_PAGE_CACHE_SECONDS=0 KP_LOG="${KP_LOG:-warn}" "$BIN" serve --bind "127.0.0.1:$port" \
            --base-url "$BASE" --database-url "$DB_URL" >"$OUT/server-$tag.log" 2>&1 &
    else
        KP_LOG="${KP_LOG:-warn}" "$BIN" serve --bind "127.0.0.1:$port" \
            --base-url "$BASE" --database-url "$DB_URL" >"$OUT/server-$tag.log" 2>&1 &
    fi
    SERVER_PID=$!
    until [[ "$(curl -s --max-time 1 "$BASE/healthz" 2>/dev/null || true)" == ok ]]; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "server exited during start; see $OUT/server-$tag.log" >&2
            tail -20 "$OUT/server-$tag.log" >&2
            exit 1
        fi
        if (($(awk -v s="$(secs_since "$t")" 'BEGIN { print (s > 600) }'))); then
            echo "server not ready after 600 s" >&2
            exit 1
        fi
        sleep 0.05
    done
    START_S[$tag]="$(secs_since "$t")"
    START_OTHER[$tag]="$(other_load "$b0" "$(busy_ticks)" "$(cpu_ticks "$SERVER_PID")" "${START_S[$tag]}")"
    RSS_IDLE[$tag]="$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")"
    log "ready after ${START_S[$tag]} s (RSS ${RSS_IDLE[$tag]} kB, other load ${START_OTHER[$tag]})"
}
stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

declare -A PATHS=(
    [list]="/veranstaltungen"
    [filtered]="/veranstaltungen?sparte=musik&bezirk=mitte&kostenlos=1"
    [search]="/veranstaltungen?q=konzert"
    [api]="/api/v1/events?limit=50"
    [list-en]="/en/veranstaltungen"
    [list-seq]="/veranstaltungen"
    [list-identity]="/veranstaltungen"
    [list-person]="/veranstaltungen"
)
# Extra request headers for wrk (empty: wrk's own, which the statistics count as a bot).
WRK_EXTRA=()
# What a browser sends: the statistics count such a request as a person's view (a daily
# visitor hash, device, language) — the counting's whole cost on a page from the cache.
PERSON=(-H "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"
    -H "Accept: text/html,application/xhtml+xml" -H "Accept-Language: de-DE,de;q=0.9")
declare -A LABEL=(
    [list-seq]="/veranstaltungen, wrk -t1 -c1"
    [list-identity]="/veranstaltungen, Accept-Encoding: identity"
    [list-person]="/veranstaltungen, with a browser's headers (counted as a person)"
)
ROWS=()
declare -A RPS P50 P99 REQS NON2XX ERRS CPU BYTES OTHER PEAK REVALIDATE
# measure TAG NAME [ACCEPT_ENCODING [CONNECTIONS [THREADS]]]
measure() {
    local tag="$1" n="$2" ae="${3:-gzip}" url code size k="$1/$2"
    url="$BASE${PATHS[$n]}"
    read -r code size < <(curl -s -o /dev/null -H "Accept-Encoding: $ae" -w '%{http_code} %{size_download}\n' "$url")
    if [[ $code != 200 ]]; then
        echo "$url answered $code, expected 200" >&2
        exit 1
    fi
    run_wrk "$tag-$n" "$url" "$SERVER_PID" cpu_ticks "$ae" "${4:-$CONNECTIONS}" "${5:-$THREADS}"
    ROWS+=("$k"); BYTES[$k]="$size"
    RPS[$k]="$R_RPS"; P50[$k]="$R_P50"; P99[$k]="$R_P99"; REQS[$k]="$R_REQS"
    NON2XX[$k]="$R_NON2XX"; ERRS[$k]="$R_ERRS"; CPU[$k]="$R_CPU_MS"; OTHER[$k]="$R_OTHER"; PEAK[$k]="$R_PEAK_MB"
}

for tag in $ROUNDS; do
    [[ $tag == cached || $tag == uncached ]] || { echo "unknown round $tag" >&2; exit 1; }
    start_server "$tag"
    if [[ -z ${PATHS[event]:-} ]]; then
        ev="$(curl -sf "$BASE/api/v1/events?limit=1" | jq -r '.data[0].event.url' | sed -E 's#^https?://[^/]+##')"
        if [[ -z $ev || $ev == null ]]; then
            echo "could not find an event URL through the API" >&2
            exit 1
        fi
        PATHS[event]="$ev"
    fi
    for n in list filtered search api event list-en; do measure "$tag" "$n"; done
    # The same list as a browser asks for it: counted as a person's view, not as a bot.
    WRK_EXTRA=("${PERSON[@]}"); measure "$tag" list-person; WRK_EXTRA=()
    # Conditional requests: a browser that has the page gets 304 (German and English).
    for n in list list-en event; do
        etag="$(curl -s -o /dev/null -D - "$BASE${PATHS[$n]}" | awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }')"
        code="$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$BASE${PATHS[$n]}")"
        REVALIDATE[$tag/$n]="${code} (ETag ${etag:-none})"
        log "$tag $n: If-None-Match answered $code"
    done
    if [[ $tag == uncached ]]; then
        # The list page twice more: one connection at a time (latency without queueing,
        # CPU per request without the in-flight error), and without compression.
        measure "$tag" list-seq gzip 1 1
        measure "$tag" list-identity identity
    fi
    RSS_AFTER[$tag]="$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")"
    RSS_SPLIT[$tag]="$(awk '/^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 } /^RssShmem:/ { s = $2 }
        END { printf "anon %.0f / file %.0f / shmem %.0f MB", a / 1024, f / 1024, s / 1024 }' "/proc/$SERVER_PID/status")"
    HWM_AFTER[$tag]="$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")"
    log "server ($tag) RSS after load ${RSS_AFTER[$tag]} kB, peak ${HWM_AFTER[$tag]} kB"
    # the last round's server stays up to hand its list page bytes to nginx
    [[ $tag == "${ROUNDS##* }" ]] || stop_server
done

# ---------------------------------------------------------------- 6. nginx on the same bytes
WWW="$OUT/nginx/www"
mkdir -p "$WWW" "$OUT/nginx/tmp"
curl -sf -H 'Accept-Encoding: gzip' -D "$OUT/nginx/list.headers" -o "$WWW/list.html.gz" "$BASE/veranstaltungen"
grep -qi '^content-encoding: *gzip' "$OUT/nginx/list.headers" || {
    echo "the list page did not come gzip-compressed" >&2
    exit 1
}
gzip -t "$WWW/list.html.gz"
LIST_GZ_BYTES="$(stat -c %s "$WWW/list.html.gz")"
LIST_RAW_BYTES="$(gzip -dc "$WWW/list.html.gz" | wc -c)"
NPORT="$(free_port)"
while [[ "http://127.0.0.1:$NPORT" == "$BASE" ]]; do NPORT="$(free_port)"; done
NCONF="$OUT/nginx/nginx.conf"
NGINX_USER="# (not root: no user directive)"
if ((EUID == 0)); then NGINX_USER="user root;"; fi # workers must read files under $OUT
cat >"$NCONF" <<EOF
# written by bench/run.sh: serves the saved gzip bytes of the list page as they are
$NGINX_USER
worker_processes auto;
daemon off;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    gzip off;
    client_body_temp_path $OUT/nginx/tmp/body;
    proxy_temp_path $OUT/nginx/tmp/proxy;
    fastcgi_temp_path $OUT/nginx/tmp/fastcgi;
    uwsgi_temp_path $OUT/nginx/tmp/uwsgi;
    scgi_temp_path $OUT/nginx/tmp/scgi;
    server {
        listen 127.0.0.1:$NPORT;
        root $WWW;
        location = /veranstaltungen {
            default_type "text/html; charset=utf-8";
            add_header Content-Encoding gzip;
            add_header Vary Accept-Encoding;
            try_files /list.html.gz =404;
        }
    }
}
EOF
log "starting nginx on 127.0.0.1:$NPORT"
"$NGINX" -c "$NCONF" -e "$OUT/nginx/error.log" >"$OUT/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
for _ in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$NPORT/veranstaltungen" && break
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$OUT/nginx/error.log" "$OUT/nginx/stdout.log" >&2; exit 1; }
    sleep 0.1
done
curl -sf -H 'Accept-Encoding: gzip' -o "$OUT/nginx/check.gz" "http://127.0.0.1:$NPORT/veranstaltungen"
cmp -s "$OUT/nginx/check.gz" "$WWW/list.html.gz" || { echo "nginx does not serve the same bytes" >&2; exit 1; }
sleep 0.3 # let the workers come up before counting their CPU
run_wrk nginx "http://127.0.0.1:$NPORT/veranstaltungen" "$NGINX_PID" cpu_ticks_tree
N_RPS="$R_RPS"; N_P50="$R_P50"; N_P99="$R_P99"; N_REQS="$R_REQS"; N_NON2XX="$R_NON2XX"; N_CPU="$R_CPU_MS"; N_ERRS="$R_ERRS"; N_OTHER="$R_OTHER"; N_PEAK="$R_PEAK_MB"

# ---------------------------------------------------------------- 7./8. report
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f %%", a * 100 / b; else print "n/a" }'; }
RES="$OUT/results.md"
kb_mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
LIST_KEY="uncached/list"; [[ -n ${CPU[$LIST_KEY]:-} ]] || LIST_KEY="${ROWS[0]}"
{
    echo "| round | what | URL | bytes sent | req/s | p50 ms | p99 ms | requests | non-2xx | CPU ms/req | % of nginx req/s | peak RSS MB | other load |"
    echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for k in "${ROWS[@]}"; do
        tag="${k%%/*}"; n="${k#*/}"
        r="$(ratio "${RPS[$k]}" "$N_RPS")"
        [[ $n == list-seq || $n == list-identity ]] && r="—" # not the same load or bytes
        echo "| $tag | $n | \`${LABEL[$n]:-${PATHS[$n]}}\` | ${BYTES[$k]} | ${RPS[$k]} | ${P50[$k]} | ${P99[$k]} | ${REQS[$k]} | ${NON2XX[$k]} | ${CPU[$k]} | $r | ${PEAK[$k]} | ${OTHER[$k]} |"
    done
    echo "| nginx | same bytes as list | \`/veranstaltungen\` (static .gz) | $LIST_GZ_BYTES | $N_RPS | $N_P50 | $N_P99 | $N_REQS | $N_NON2XX | $N_CPU | 100 % | $N_PEAK | $N_OTHER |"
    echo
    echo "| figure | value |"
    echo "|---|---|"
    echo "| events seeded | $EVENTS (seed $SEED) |"
    echo "| seed time | ${SEED_S} s (other load ${SEED_OTHER}) |"
    echo "| database size (incl. WAL) | ${DB_MB} MB |"
    for tag in $ROUNDS; do
        echo "| startup until /healthz ok (incl. search index), $tag server | ${START_S[$tag]} s (other load ${START_OTHER[$tag]}) |"
        echo "| RSS: idle after start / after load (VmRSS) / peak (VmHWM), $tag server | $(kb_mb "${RSS_IDLE[$tag]}") / $(kb_mb "${RSS_AFTER[$tag]}") / $(kb_mb "${HWM_AFTER[$tag]}") MB (after load: ${RSS_SPLIT[$tag]}) |"
    done
    for k in "${!REVALIDATE[@]}"; do
        echo "| conditional GET with the page's ETag, $k | ${REVALIDATE[$k]} |"
    done
    echo "| list page size | $LIST_GZ_BYTES B gzip / $LIST_RAW_BYTES B raw |"
    echo "| list page CPU per request ($LIST_KEY) | ${CPU[$LIST_KEY]} ms |"
    [[ -n ${CPU[uncached/list-seq]:-} ]] && echo "| list page CPU per request (uncached, one connection) | ${CPU[uncached/list-seq]} ms |"
    echo "| list page throughput vs nginx ($LIST_KEY) | $(ratio "${RPS[$LIST_KEY]}" "$N_RPS") |"
    echo "| wrk | -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout ${WRK_TIMEOUT}s --latency, Accept-Encoding: gzip, warm-up ${WARMUP} s |"
    echo "| rounds | cached = server defaults (page micro-cache on); uncached = KP_PAGE_CACHE_SECONDS=0, every request rendered |"
    echo "| peak RSS MB | highest VmRSS of the server (nginx: all its processes) sampled every 0.2 s during that run |"
    echo "| other load | CPU used by other processes during each run, in % of all cores (should be ~0) |"
    echo "| machine | $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); wrk runs on the same cores |"
} >"$RES"
ERRS[nginx]="$N_ERRS"
for k in "${ROWS[@]}" nginx; do
    if [[ ${ERRS[$k]} != none ]]; then echo "wrk socket errors for $k: ${ERRS[$k]}" >>"$RES"; fi
done
echo
cat "$RES"
log "results written to $RES"

# ---------------------------------------------------------------- 9. API writes
# Writes per second through the API (bench/writes.sh: its own database and server, 4 clients),
# on SQLite and, when PG_URL names a PostgreSQL server, on PostgreSQL too. WRITES=0 skips it.
if [[ ${WRITES:-1} != 0 ]]; then
    stop_server 2>/dev/null || true
    mkdir -p "$OUT/writes"
    echo "| backend | clients | writes/s | p50 | p99 | non-2xx |" >"$OUT/writes/results.md"
    echo "|---|---|---|---|---|---|" >>"$OUT/writes/results.md"
    BIN="$BIN" OUT="$OUT/writes" bash "$ROOT/bench/writes.sh"
    if [[ -n ${PG_URL:-} ]]; then
        BIN="$BIN" OUT="$OUT/writes" PG_URL="$PG_URL" bash "$ROOT/bench/writes.sh"
    fi
    cat "$OUT/writes/results.md"
fi
