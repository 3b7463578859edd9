#!/usr/bin/env bash
# Builds the stand-in images the tests use (ollama-stack-test/*), for the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt >/dev/null
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$java" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.ollamastack.testsupport.StandInImages
