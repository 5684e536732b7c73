#!/usr/bin/env bash
# Trains the distribution's ahead-of-time cache (lib/webwx-bot.aot, JDK 25+: JEP 483/514/515) for the JDK that
# bin/webwx-bot finds. ./webwx-bot build runs it after building; after unpacking the archive, or after changing the
# JDK, an operator runs it once (bin/train-aot-cache.sh, about half a minute). The distribution runs as an operator
# runs it (bin/webwx-bot run), against the emulator in a second process (no network), logs in, answers friends'
# messages for a few seconds and is stopped by SIGTERM; the JVM writes the classes it loaded and linked, and the
# profiles of the methods it ran, into the cache as it exits. bin/webwx-bot uses the cache only with this very JDK
# build (the stamp lib/webwx-bot.aot.jdk names it).
#
#   train-aot-cache.sh [DIST [WORK_DIR]]     (defaults: this distribution, a temporary folder removed afterwards)
set -euo pipefail
dist="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
work="${2:-}"
cache="$dist/lib/webwx-bot.aot"
stamp="$cache.jdk"
rm -f "$cache" "$stamp"

# shellcheck source=find-java.sh
. "$dist/bin/find-java.sh"
# shellcheck source=jvm-options.sh
. "$dist/bin/jvm-options.sh"
WEBWX_JRE_OK=1 webwx_find_java
if [ "$WEBWX_JAVA_MAJOR" -lt 25 ]; then
  echo "[aot] JDK $WEBWX_JAVA_MAJOR: no AOT cache (it needs JDK 25 or newer); the bot starts without one" >&2
  exit 0
fi

temporary=""
if [ -z "$work" ]; then work="$(mktemp -d)"; temporary="$work"; fi
rm -rf "$work"
mkdir -p "$work"
emulator_pid=""
bot_pid=""
cleanup() {
  [ -z "$bot_pid" ] || kill "$bot_pid" 2>/dev/null || true
  [ -z "$emulator_pid" ] || kill "$emulator_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  [ -z "$temporary" ] || rm -rf "$temporary"
  [ -f "$stamp" ] || rm -f "$cache"   # a training that failed leaves no half-written cache behind
}
trap cleanup EXIT

await_line() {  # FILE PATTERN SECONDS
  local tries=$(( $3 * 20 ))
  until grep -q -- "$2" "$1" 2>/dev/null; do
    tries=$(( tries - 1 ))
    if [ "$tries" -le 0 ]; then
      echo "[aot] training gave up waiting for '$2'; last lines of $1:" >&2
      tail -20 "$1" >&2
      exit 1
    fi
    sleep 0.05
  done
}

# The cache must hold the classes of a real run, not the emulator's: the emulator runs without training options.
WEBWX_AOT=off bash "$dist/bin/webwx-bot" emulator --port 0 --no-console --chatter=20 --chatter-seed=1 \
  >"$work/emulator.log" 2>&1 &
emulator_pid=$!
await_line "$work/emulator.log" "listening on http" 60
server="$(sed -n 's|.*listening on \(http://[0-9.:]*\).*|\1|p' "$work/emulator.log" | head -1)"

# Replies as fast as the emulator's friends write, so the send path is trained too.
cat >"$work/training.conf" <<'CONF'
webwx-bot.send { global-per-minute = 60000, global-burst = 1000, per-chat-per-minute = 60000, per-chat-burst = 1000,
                 min-gap = 0s, max-gap = 0s }
CONF
WEBWX_AOT=off WEBWX_JAVA_OPTS="-XX:AOTCacheOutput=$cache ${WEBWX_JAVA_OPTS:-}" \
  bash "$dist/bin/webwx-bot" run --server "$server" --data-dir "$work/data" --config "$work/training.conf" \
  >"$work/bot.log" 2>&1 &
bot_pid=$!
await_line "$work/bot.log" "online as" 120
sleep 5
kill -TERM "$bot_pid"
wait "$bot_pid" || true   # 143: stopped by SIGTERM, as intended
bot_pid=""
await_line "$work/bot.log" "AOTCache creation is complete" 1
webwx_jdk_build >"$stamp"
echo "[aot] trained $cache ($(( $(wc -c <"$cache") / 1048576 )) MB) for $(paste -sd' ' "$stamp")" >&2
