#!/usr/bin/env bash
# Cold start to the QR code and peak RSS of a one-account daemon, measured on a built distribution
# (./webwx-bot build) against an emulator in a separate process; nothing goes to the network.
#
#   benchmarks/startup-footprint.sh [DIST] [RUNS] [LOAD_SECONDS] [RATE]
#
# DIST defaults to bot-launcher/target/dist, RUNS (cold starts) to 7, LOAD_SECONDS to 30, RATE (messages a second
# the emulator's friends write, each answered by the echo plugin with send limits out of reach) to 100.
# WEBWX_JAVA_OPTS and WEBWX_JVM_DEFAULTS reach the daemon as they would in production, so
#   WEBWX_JVM_DEFAULTS=off WEBWX_AOT=off benchmarks/startup-footprint.sh
# measures the bare JVM defaults side by side with the launcher's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="${1:-$root/bot-launcher/target/dist}"
runs="${2:-7}"
load_seconds="${3:-30}"
rate="${4:-100}"
[ -x "$dist/bin/webwx-bot" ] || [ -f "$dist/bin/webwx-bot" ] || { echo "no distribution at $dist (./webwx-bot build)" >&2; exit 2; }

work="$(mktemp -d /tmp/webwx-startup-bench.XXXXXX)"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Waits (polling every 5 ms) until FILE has a line matching PATTERN; fails after SECONDS.
await_line() {
  local file="$1" pattern="$2" seconds="$3" deadline
  deadline=$(( $(now_ms) + seconds * 1000 ))
  until grep -q -- "$pattern" "$file" 2>/dev/null; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "timed out waiting for '$pattern' in $file" >&2; tail -5 "$file" >&2; return 1; }
    sleep 0.005
  done
}

hwm_mb() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }

start_emulator() {  # name, extra options...; sets emulator_url
  local name="$1"; shift
  bash "$dist/bin/webwx-bot" emulator --port 0 --no-console "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  await_line "$work/$name.log" "listening on http" 60
  emulator_url="$(sed -n 's|.*listening on \(http://[0-9.:]*\).*|\1|p' "$work/$name.log" | head -1)"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "distribution: $dist; JVM defaults: ${WEBWX_JVM_DEFAULTS:-on}; AOT cache: ${WEBWX_AOT:-auto};" \
  "WEBWX_JAVA_OPTS: ${WEBWX_JAVA_OPTS:-none}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. Cold start: process start to the line introducing the QR code, each run with a fresh data folder, against an
#    emulator whose phone does not scan (the QR stays up).
start_emulator qr-emulator --no-auto-login
times=()
for i in $(seq 1 "$runs"); do
  data="$work/qr-$i"; mkdir -p "$data"
  t0=$(now_ms)
  bash "$dist/bin/webwx-bot" run --server "$emulator_url" --data-dir "$data" >"$work/qr-$i.log" 2>&1 &
  pid=$!; pids+=("$pid")
  await_line "$work/qr-$i.log" "scan this QR code" 60
  t=$(( $(now_ms) - t0 ))
  echo "cold start $i: $t ms to the QR; RSS so far $(hwm_mb "$pid") MB"
  times+=("$t")
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
echo "cold start to the QR: median $(printf '%s\n' "${times[@]}" | median) ms of $runs" \
  "(min $(printf '%s\n' "${times[@]}" | sort -n | head -1), max $(printf '%s\n' "${times[@]}" | sort -n | tail -1));" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"

# 2. Footprint: one account logs in (the emulator's phone confirms), then its friends write RATE messages a second
#    for LOAD_SECONDS, each answered by the echo plugin; peak RSS (VmHWM) and CPU of the daemon process.
start_emulator load-emulator --chatter="$rate" --chatter-seed=1
cat >"$work/bench.conf" <<'EOF'
webwx-bot.send {
  global-per-minute = 6000000
  global-burst = 100000
  per-chat-per-minute = 6000000
  per-chat-burst = 100000
  min-gap = 0s
  max-gap = 0s
}
EOF
data="$work/load"; mkdir -p "$data"
bash "$dist/bin/webwx-bot" run --server "$emulator_url" --data-dir "$data" --config "$work/bench.conf" \
  >"$work/load.log" 2>&1 &
pid=$!; pids+=("$pid")
await_line "$work/load.log" "online as" 60
cpu0=$(cpu_ms "$pid"); rss_online=$(hwm_mb "$pid")
sleep "$load_seconds"
cpu1=$(cpu_ms "$pid"); rss_peak=$(hwm_mb "$pid")
rss_now=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "one account, $rate msg/s for $load_seconds s: peak RSS $rss_peak MB (at login $rss_online MB, at the end" \
  "$rss_now MB); CPU $(( cpu1 - cpu0 )) ms, i.e. $(( (cpu1 - cpu0) * 100 / (load_seconds * 1000) )) % of one core;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
