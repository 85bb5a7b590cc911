#!/usr/bin/env bash
# The Warden demo: builds the agent, the sample functions and the local Lambda runtime, then runs
# every sample function through the local runtime with the agent attached — its normal event and
# its attack in monitor mode (Warden alerts), learn mode on the normal event (Warden writes the
# policy), and enforce mode with that policy (Warden blocks the attack) — drawing each invocation's
# trace and ending with a summary table. Needs only Java 17+ and Maven; everything stays on
# 127.0.0.1. Exit status 0 when every invocation went as expected.
set -euo pipefail
cd "$(dirname "$0")"

echo "Building (mvn -B -q package -DskipTests -pl demo -am) ..."
mvn -B -q package -DskipTests -pl demo -am "$@"
exec java -cp "demo/target/warden-demo.jar:local-runtime/target/warden-local-runtime.jar" \
  dev.warden.demo.Demo .
