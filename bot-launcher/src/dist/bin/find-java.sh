# Finds a JDK 21 or newer and sets WEBWX_JAVA_HOME (and WEBWX_JAVA_MAJOR) to it; sourced by ./webwx-bot and dist/bin/webwx-bot.
# Order: JAVA_HOME, then the usual install folders (newest first), then `java` on the PATH.

webwx_java_major() {
  # Prints the feature version of the java binary $1 (17, 21, 25, ...), or nothing. From the JDK's release file when
  # it has one (every JDK 9+): starting a JVM only to ask costs a tenth of a second or more of every start.
  local release major
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    major="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1)"
    [ -n "$major" ] && { echo "$major"; return 0; }
  fi
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

webwx_find_java() {
  local candidates=() dir major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for dir in /usr/lib/jvm/* /usr/local/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* \
             "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  local best="" best_major=0
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" -o -n "${WEBWX_JRE_OK:-}" ] || continue
    major=$(webwx_java_major "$dir/bin/java")
    [ -n "$major" ] || continue
    if [ "$dir" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then best="$dir"; best_major=$major; break; fi
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$dir"; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "webwx-bot needs a JDK 21 or newer and found none." >&2
    echo "Looked at JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm, /usr/local/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks" >&2
    echo "and the java on the PATH. Install one (e.g. 'apt-get install openjdk-21-jdk') or set JAVA_HOME." >&2
    return 1
  fi
  WEBWX_JAVA_HOME="$best"
  WEBWX_JAVA_MAJOR="$best_major"
}
