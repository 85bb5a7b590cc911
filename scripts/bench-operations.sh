#!/usr/bin/env bash
# JMH benchmarks of intercepted operations (file opens through java.io and NIO, Files.readAllBytes,
# a loopback connect, a lookup of localhost, a process start): no agent, Warden monitor (built-in
# rules) and Warden enforce (a policy allowing exactly those operations), side by side in one run,
# in forked JVMs with -javaagent. About 4 minutes per JDK; --quick takes about one and is only
# good for checking that everything works.
#
#   scripts/bench-operations.sh [--jdk JDK_HOME]... [--quick] [--only REGEX] [--prof gc]
#
# Default JDK: the `java` on PATH. Results: benchmarks/target/bench/operations-jdkNN-*/.
# Exit status: 1 if a fork's agent check failed, 2 if an allowed operation raised an alert.
set -euo pipefail
cd "$(dirname "$0")/.."

jdks=()
passed=()
while [ $# -gt 0 ]; do
  case "$1" in
    --jdk) jdks+=("${2:?--jdk needs a JDK home}"); shift 2 ;;
    --only|--prof) passed+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --quick) passed+=("$1"); shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 64 ;;
  esac
done
if [ ${#jdks[@]} -eq 0 ]; then
  jdks=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
fi

shopt -s nullglob
bench_jars=(benchmarks/target/warden-benchmarks-*.jar)
if [ ! -f agent/target/warden-agent.jar ] || [ ${#bench_jars[@]} -eq 0 ] \
    || [ ! -d benchmarks/target/bench/lib ]; then
  # -DskipITs too: Failsafe 3.6 no longer takes -DskipTests, and the agent's forked-JVM tests
  # take minutes.
  echo "building (mvn -B -q install -DskipTests -DskipITs -pl benchmarks -am) ..."
  mvn -B -q install -DskipTests -DskipITs -pl benchmarks -am
  bench_jars=(benchmarks/target/warden-benchmarks-*.jar)
fi

status=0
for jdk in "${jdks[@]}"; do
  # The report names the command that reruns this JDK's run, quoted for a shell.
  command="scripts/bench-operations.sh --jdk $(printf %q "$jdk")"
  for argument in "${passed[@]}"; do command+=" $(printf %q "$argument")"; done
  "$jdk/bin/java" -cp "${bench_jars[0]}:benchmarks/target/bench/lib/*" \
    "-Dwarden.bench.command=$command" \
    dev.warden.benchmarks.jmh.OperationsBench "${passed[@]}" || status=$?
done
exit "$status"
