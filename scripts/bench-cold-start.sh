#!/usr/bin/env bash
# The cold-start bench (issue 5): a benign sample function launched through the local runtime and
# the real AWS runtime interface client with no agent, two reference agents that show the floor of
# any Java agent (empty: a premain that does nothing; floor: a bare Byte Buddy agent weaving one
# trivial advice into the JDK methods Warden hooks), Warden (monitor, enforce with a learned
# policy, learn) and the OpenTelemetry Java agent, interleaved, on JDK 17 and JDK 25; prints cold
# start, CPU to the first response and peak RSS, then warm invocations (the first 20 and the second
# half: response time, and time until the function asks for its next event), as medians beside no
# agent, and writes them to benchmarks/target/bench/cold-start-*.md and .csv. Builds what is
# missing first. About 4½ minutes with the defaults.
#
#   scripts/bench-cold-start.sh [--runs N] [--warm W] [--jdk JAVA_HOME]... [--configs LIST]
#                               [--function quote-api|typed] [--memory-mb MB]
#   scripts/bench-cold-start.sh --help
#
# Defaults: 8 runs, 200 warm invocations, the default java and /usr/lib/jvm/temurin-25-jdk-amd64.
set -euo pipefail
cd "$(dirname "$0")/.."

needed=(
  agent/target/warden-agent.jar
  sample-functions/target/lib
  local-runtime/target/runtime-client
  benchmarks/target/bench/opentelemetry-javaagent.jar
  benchmarks/target/bench/empty-agent.jar
  benchmarks/target/bench/floor-agent.jar
  benchmarks/target/bench/lib/warden-local-runtime-0.1.0-SNAPSHOT.jar
)
missing=false
for file in "${needed[@]}"; do [ -e "$file" ] || missing=true; done
compgen -G "benchmarks/target/warden-benchmarks-*.jar" > /dev/null || missing=true
if $missing; then
  echo "building the agent, the sample functions, the local runtime and the benchmarks..." >&2
  # -DskipITs too: the forked-JVM integration tests take many minutes and measure nothing here.
  mvn -B -q install -DskipTests -DskipITs -pl benchmarks -am
fi

classpath="$(ls benchmarks/target/warden-benchmarks-*.jar | grep -v -- '-sources.jar' | head -1)"
for jar in benchmarks/target/bench/lib/*.jar; do classpath="$classpath:$jar"; done
revision="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then revision="$revision (with local changes)"; fi

# The bench JVM itself stays small and out of the function's way: a 2-core machine has no core
# to spare for a large heap being collected while a function starts.
exec java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Dbench.command="scripts/bench-cold-start.sh${*:+ $*}" -Dbench.revision="$revision" \
  -cp "$classpath" dev.warden.benchmarks.coldstart.ColdStartBench --repo . "$@"
