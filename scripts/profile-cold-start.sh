#!/usr/bin/env bash
# Where a cold start's CPU goes (issue 5): the cold-start bench's sample function launched under
# async-profiler (from Maven Central), each launch cut at its first response, no agent beside the
# bare Byte Buddy agent and Warden by default, interleaved; prints, per configuration, the
# milliseconds of CPU per launch by activity (weaving, preparing advice, linking lambdas, the
# engine's build, the JIT compiler...) and by kind of JVM work (parsing classes, verifying,
# interpreting...), and writes them to benchmarks/target/bench/cold-start-profile.md. The profiler
# slows every JVM down: compare rows and configurations, not cold-start times. About 1 minute per
# JDK with the defaults.
#
#   scripts/profile-cold-start.sh [--runs N] [--jdk JAVA_HOME]... [--configs LIST] [--interval US]
#   scripts/profile-cold-start.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -e benchmarks/target/bench/async-profiler.jar ] || [ ! -e agent/target/warden-agent.jar ] \
  || ! compgen -G "benchmarks/target/warden-benchmarks-*.jar" > /dev/null; then
  echo "building the agent, the sample functions, the local runtime and the benchmarks..." >&2
  mvn -B -q install -DskipTests -DskipITs -pl benchmarks -am
fi

classpath="$(ls benchmarks/target/warden-benchmarks-*.jar | grep -v -- '-sources.jar' | head -1)"
for jar in benchmarks/target/bench/lib/*.jar; do classpath="$classpath:$jar"; done
revision="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then revision="$revision (with local changes)"; fi

exec java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Dbench.command="scripts/profile-cold-start.sh${*:+ $*}" -Dbench.revision="$revision" \
  -cp "$classpath" dev.warden.benchmarks.coldstart.ColdStartProfile --repo . "$@"
