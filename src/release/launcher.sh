#!/usr/bin/env bash
# ollama-stack from the release archive: runs the bundled Java runtime (no JDK needed), else a
# Java >= 21 from JAVA_HOME or PATH. Prints nothing of its own on stdout (-o json must parse).
set -euo pipefail
ROOT=$(dirname "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")")
JAR=$ROOT/lib/ollama-stack.jar
# C1 only and the serial collector (see docs/startup.md); JVM log lines go to stderr, never
# stdout; CDS chatter is off.
LOG=(-Xlog:disable -Xlog:all=warning:stderr -Xlog:cds*=off:stderr)
JVM=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC "${LOG[@]}")

java_major() { # feature version from the runtime's release file (starting a JVM to ask is slow)
  local release line v=0
  release=$(dirname "$(dirname "$(readlink -f "$1")")")/release
  [ -r "$release" ] || { echo 0; return; }
  while IFS= read -r line; do
    case "$line" in JAVA_VERSION=*) v=${line#JAVA_VERSION=} ;; esac
  done <"$release"
  v=${v//\"/}
  v=${v%%.*}
  [[ $v =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}

# Java 25+: no 300 ms wait at exit for threads parked in native code (as ./ollama-stack does).
exit_flags() { [ "$(java_major "$1")" -ge 25 ] && echo -XX:UserThreadWaitAttemptsAtExit=0 || true; }

# `--version` alone: the three classes of lib/ollama-stack-version.jar, not the big jar nor its
# archive (as ./ollama-stack does from target/classes; docs/startup.md).
version_only() {
  [ "$#" -eq 1 ] && { [ "$1" = --version ] || [ "$1" = -V ]; } \
    && [ -f "$ROOT/lib/ollama-stack-version.jar" ]
}
version() {
  exec "$1" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData "${LOG[@]}" \
    -cp "$ROOT/lib/ollama-stack-version.jar" dev.ollamastack.cli.VersionLines
}

if [ -x "$ROOT/runtime/bin/java" ]; then
  version_only "$@" && version "$ROOT/runtime/bin/java"
  # The class-data-sharing archive was trained at build time for exactly this runtime and jar.
  # shellcheck disable=SC2046 # one flag or none
  exec "$ROOT/runtime/bin/java" -XX:SharedArchiveFile="$ROOT/lib/ollama-stack.jsa" "${JVM[@]}" \
    $(exit_flags "$ROOT/runtime/bin/java") \
    -Dollamastack.runtime=bundled -jar "$JAR" "$@"
fi
for java in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null || true)"; do
  if [ -n "$java" ] && [ -x "$java" ] && [ "$(java_major "$java")" -ge 21 ]; then
    version_only "$@" && version "$java"
    # shellcheck disable=SC2046
    exec "$java" "${JVM[@]}" $(exit_flags "$java") -Dollamastack.runtime=system -jar "$JAR" "$@"
  fi
done
echo "ollama-stack: the bundled runtime ($ROOT/runtime) is missing and no Java >= 21 was found" \
  "(JAVA_HOME, PATH); reinstall the release archive or install a JDK 21+" >&2
exit 4
