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

source scripts/bench-common.sh
bench_build_if_missing \
  agent/target/warden-agent.jar \
  sample-functions/target/lib \
  local-runtime/target/runtime-client \
  benchmarks/target/bench/async-profiler.jar \
  benchmarks/target/bench/floor-agent.jar \
  benchmarks/target/bench/lib/warden-local-runtime-0.1.0-SNAPSHOT.jar
bench_exec dev.warden.benchmarks.coldstart.ColdStartProfile profile-cold-start.sh "$@"
