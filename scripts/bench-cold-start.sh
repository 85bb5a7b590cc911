#!/usr/bin/env bash
# The cold-start bench (issue 5): a benign sample function launched through the local runtime and
# the real AWS runtime interface client with no agent, three reference agents (empty: a premain
# that does nothing; floor: a bare Byte Buddy agent weaving one trivial advice into the JDK methods
# Warden hooks; builder: the issue's Byte Buddy agent written the obvious way, with an
# AgentBuilder), Warden (monitor, enforce with a learned policy, learn) and the OpenTelemetry Java
# agent, interleaved, on JDK 17 and JDK 25; prints cold
# start, CPU to the first response and peak RSS, then warm invocations (the first 20 and the second
# half: response time, and time until the function asks for its next event), as medians beside no
# agent, and Warden monitor's cost as a share of the issue's two references (the OpenTelemetry
# agent's and the AgentBuilder agent's), and writes them to benchmarks/target/bench/cold-start-*.md
# and .csv. Builds what is missing first. About 5 minutes with the defaults.
#
#   scripts/bench-cold-start.sh [--runs N] [--warm W] [--jdk JAVA_HOME]... [--configs LIST]
#                               [--function quote-api|typed] [--memory-mb MB] [--batch-size N]
#   scripts/bench-cold-start.sh --help
#
# Defaults: 8 runs, 200 warm invocations, the default java and /usr/lib/jvm/temurin-25-jdk-amd64.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/bench-common.sh
bench_build_if_missing \
  agent/target/warden-agent.jar \
  sample-functions/target/lib \
  local-runtime/target/runtime-client \
  benchmarks/target/bench/opentelemetry-javaagent.jar \
  benchmarks/target/bench/empty-agent.jar \
  benchmarks/target/bench/floor-agent.jar \
  benchmarks/target/bench/builder-agent.jar \
  benchmarks/target/bench/lib/warden-local-runtime-0.1.0-SNAPSHOT.jar
bench_exec dev.warden.benchmarks.coldstart.ColdStartBench bench-cold-start.sh "$@"
