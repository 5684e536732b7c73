# The JVM options bin/webwx-bot starts the bot with; sourced by it after find-java.sh (WEBWX_JAVA_HOME and
# WEBWX_JAVA_MAJOR set). webwx_jvm_options HOME fills the array webwx_jvm_opts and the string webwx_class_path.
#
# Defaults chosen for a bot (docs/operators.md, "Memory and start-up"): its live heap is small (a few MB, ~30-40 KB per
# idle account), so the JVM's defaults for a server (G1, a heap up to a quarter of the RAM, committed generously)
# cost far more memory than it uses. An operator changes them through WEBWX_JAVA_OPTS, which comes after these and
# so wins (-Xmx, -XX:MaxRAMPercentage, ...); naming a collector there (-XX:+UseG1GC, ...) drops ours, since the
# JVM refuses two. WEBWX_JVM_DEFAULTS=off drops every default below; WEBWX_AOT=off does not use the AOT cache.

# The ahead-of-time cache the distribution's build trained (JDK 25+, JEP 483/514/515): classes already loaded and
# linked, and method profiles, from a run against the emulator. The JVM only accepts it from the very JDK build that
# made it and with the same class path; the stamp beside it names that build so other JDKs (21 to 24 do not even
# know the option) never see it, and -Xlog:aot*=off,cds*=off keeps a stale cache silent: the JVM then just starts
# without it.
webwx_aot_cache_matches() {  # HOME
  local cache="$1/lib/webwx-bot.aot" stamp="$1/lib/webwx-bot.aot.jdk"
  [ "${WEBWX_AOT:-auto}" != off ] && [ "$WEBWX_JAVA_MAJOR" -ge 25 ] && [ -f "$cache" ] && [ -f "$stamp" ] \
    && [ "$(cat "$stamp")" = "$(webwx_jdk_build)" ]
}

# The JDK build the JVM in WEBWX_JAVA_HOME is, from its release file (no JVM started): vendor and runtime version.
webwx_jdk_build() {
  local release="$WEBWX_JAVA_HOME/release"
  [ -f "$release" ] || return 0
  sed -n -e 's/^IMPLEMENTOR="\(.*\)"$/IMPLEMENTOR=\1/p' -e 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/JAVA_RUNTIME_VERSION=\1/p' \
    "$release" | sort
}

webwx_jvm_options() {  # HOME
  local home="$1" operator="${WEBWX_JAVA_OPTS:-}"
  # The jars in a fixed order (byte order of their names) rather than lib/*, which the JVM expands in directory
  # order: that differs between file systems, and the AOT cache holds only for the class path it was made with.
  local jars=("$home"/lib/*.jar)
  webwx_class_path="$(printf '%s\n' "${jars[@]}" | LC_ALL=C sort | paste -sd: -)"
  webwx_jvm_opts=()
  if [ "${WEBWX_JVM_DEFAULTS:-on}" != off ]; then
    # Serial GC: one GC thread and no remembered sets; with a live heap this small its pauses are a few ms. Heap
    # committed as it is needed and given back after a GC that freed much (G1 keeps what it once had).
    local collector='[[:space:]]-XX:[+]Use[A-Za-z0-9]+GC[[:space:]]'
    [[ " $operator " =~ $collector ]] \
      || webwx_jvm_opts+=(-XX:+UseSerialGC -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40)
    # 32 MB to start with: the way to the QR code allocates ~100 MB of short-lived objects for a live set of ~11 MB;
    # with 8 MB that took 22 young collections and a tenth of a second more, with 32 MB it takes 5.
    # The ceiling stops a leak long before it takes the machine, yet holds thousands of idle accounts
    # (BENCHMARKS.md: ~30-40 KB each); raise it with -Xmx in WEBWX_JAVA_OPTS for more.
    webwx_jvm_opts+=(-Xms32m -Xmx512m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m)
    # Platform threads are few (event loops, carriers); virtual threads do not use -Xss.
    webwx_jvm_opts+=(-Xss512k)
    # Object headers of 8 bytes instead of 12 (JEP 519, a product option from JDK 25): about a tenth less heap.
    [ "$WEBWX_JAVA_MAJOR" -ge 25 ] && webwx_jvm_opts+=(-XX:+UseCompactObjectHeaders)
  fi
  if webwx_aot_cache_matches "$home"; then
    webwx_jvm_opts+=(-XX:AOTCache="$home/lib/webwx-bot.aot" '-Xlog:aot*=off,cds*=off')
  fi
  return 0
}
