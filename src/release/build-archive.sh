#!/usr/bin/env bash
# Builds target/ollama-stack-<version>-linux-x64.tar.gz (run by `./mvnw -Prelease package`):
# a jlinked runtime of only the modules the jar needs, the class-data-sharing archive trained for
# that runtime, the jar, the launcher, install.sh, completions, man pages, schemas and examples.
# Expects target/release-staging/ (completions, man pages) from the earlier build steps.
set -euo pipefail
VERSION=${1:?version}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TARGET=$ROOT/target
NAME=ollama-stack-$VERSION-linux-x64
OUT=$TARGET/release/$NAME
JDK=${JAVA_HOME:?JAVA_HOME must point at the JDK that builds the runtime}

rm -rf "$OUT" && mkdir -p "$OUT/bin" "$OUT/lib" "$OUT/share"
modules=$("$JDK/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 21 \
  "$TARGET/ollama-stack.jar" "$TARGET/ollama-stack-tls.jar")
echo "release: jlink $modules" >&2
# --generate-cds-archive: the runtime's own base archive, which the app's archive extends.
"$JDK/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-6 --generate-cds-archive --output "$OUT/runtime" >/dev/null
# ollama-stack-tls.jar (Bouncy Castle, for a TLS daemon's PEM files) is on the jar's Class-Path.
cp "$TARGET/ollama-stack.jar" "$TARGET/ollama-stack-tls.jar" "$OUT/lib/"
# `--version` alone runs from a jar of its three classes: the big jar's 9,800 entries cost time
# to index on opening (docs/startup.md).
"$JDK/bin/jar" --create --file "$OUT/lib/ollama-stack-version.jar" -C "$TARGET/classes" \
  dev/ollamastack/cli/VersionLines.class -C "$TARGET/classes" dev/ollamastack/model/ToolVersion.class \
  -C "$TARGET/classes" dev/ollamastack/model/BuildVersion.class
# Trained where it is used: the archive records the jar's path relative to the runtime.
"$OUT/runtime/bin/java" -XX:ArchiveClassesAtExit="$OUT/lib/ollama-stack.jsa" -Xlog:disable \
  -cp "$OUT/lib/ollama-stack.jar" dev.ollamastack.cli.Main __cds-training >/dev/null 2>&1
install -m 0755 "$ROOT/src/release/launcher.sh" "$OUT/bin/ollama-stack"
install -m 0755 "$ROOT/src/release/install.sh" "$OUT/install.sh"
cp -R "$TARGET/release-staging/completions" "$TARGET/release-staging/man" "$OUT/share/"
cp -R "$ROOT/schemas" "$ROOT/examples" "$OUT/"
cp "$ROOT/README.md" "$ROOT/CHANGELOG.md" "$OUT/"
echo "$VERSION" >"$OUT/VERSION"
tar -C "$TARGET/release" -czf "$TARGET/$NAME.tar.gz" "$NAME"
echo "release: $TARGET/$NAME.tar.gz ($(du -h "$TARGET/$NAME.tar.gz" | cut -f1))" >&2
