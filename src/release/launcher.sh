#!/usr/bin/env bash
# ollama-stack from the release archive: runs the bundled Java runtime (no JDK needed), else a
# Java >= 21 from JAVA_HOME or PATH. Prints nothing of its own on stdout (-o json must parse).
set -euo pipefail
# Installed as a link (PREFIX/bin/ollama-stack): resolved once; every $(...) forks the shell (~1 ms
# each on a small machine), so the rest takes none on the way to the bundled runtime.
SELF=$(readlink -f "${BASH_SOURCE[0]}")
BIN=${SELF%/*}
ROOT=${BIN%/*}
JAR=$ROOT/lib/ollama-stack.jar
# The jar's Main-Class, named: -jar would index the jar's entries once more only to read its
# manifest (docs/startup.md).
MAIN=dev.ollamastack.cli.Main
# C1 only, compiling 8 times later than by default, and the serial collector (see
# docs/startup.md); JVM log lines go to stderr, never stdout; CDS chatter is off.
LOG=(-Xlog:disable -Xlog:all=warning:stderr -Xlog:cds*=off:stderr)
JVM=(-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=8 -XX:+UseSerialGC "${LOG[@]}")

java_major() { # MAJOR: feature version from the runtime's release file (a JVM to ask is slow)
  local java=$1 release line v=0
  [ -L "$java" ] && java=$(readlink -f "$java") # /usr/bin/java: the alternatives' link
  release=${java%/bin/*}/release
  MAJOR=0
  [ -r "$release" ] || return 0
  while IFS= read -r line; do
    case "$line" in JAVA_VERSION=*) v=${line#JAVA_VERSION=} ;; esac
  done <"$release"
  v=${v//\"/}
  v=${v%%.*}
  [[ $v =~ ^[0-9]+$ ]] && MAJOR=$v
  return 0
}

# Java 25+: no 300 ms wait at exit for threads parked in native code (as ./ollama-stack does).
exit_flags() { # EXIT_FLAGS for the java whose version java_major has just put in MAJOR
  EXIT_FLAGS=()
  [ "$MAJOR" -ge 25 ] && EXIT_FLAGS=(-XX:UserThreadWaitAttemptsAtExit=0)
  return 0
}

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
  java_major "$ROOT/runtime/bin/java"
  exit_flags
  # The class-data-sharing archive was trained at build time for exactly this runtime and jar.
  exec "$ROOT/runtime/bin/java" -XX:SharedArchiveFile="$ROOT/lib/ollama-stack.jsa" "${JVM[@]}" \
    "${EXIT_FLAGS[@]}" -Dollamastack.runtime=bundled -cp "$JAR" "$MAIN" "$@"
fi
run_system() { # $1 a java, then the arguments: exec it when it is a Java >= 21, else return
  local java=$1
  shift
  [ -n "$java" ] && [ -x "$java" ] || return 0
  java_major "$java"
  [ "$MAJOR" -ge 21 ] || return 0
  version_only "$@" && version "$java"
  exit_flags
  exec "$java" "${JVM[@]}" "${EXIT_FLAGS[@]}" -Dollamastack.runtime=system -cp "$JAR" "$MAIN" "$@"
}
run_system "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$@"
run_system "$(command -v java 2>/dev/null || true)" "$@"
echo "ollama-stack: the bundled runtime ($ROOT/runtime) is missing and no Java >= 21 was found" \
  "(JAVA_HOME, PATH); reinstall the release archive or install a JDK 21+" >&2
exit 4
