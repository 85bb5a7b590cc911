#!/usr/bin/env bash
# Builds the agent and runs a program that behaves like a compromised function, first with Warden
# in monitor mode (it alerts), then in enforce mode (it blocks). Needs only Java 17+ and Maven.
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -q package -DskipTests
agent=agent/target/warden-agent.jar
classpath="sample-functions/target/warden-sample-functions-0.1.0-SNAPSHOT.jar"

for mode in monitor enforce; do
  alerts=$(mktemp)
  echo
  echo "=== WARDEN_MODE=$mode"
  WARDEN_MODE=$mode WARDEN_ALERT_LOG="$alerts" \
    java -javaagent:"$agent" -cp "$classpath" dev.warden.samples.attacks.AttackScenarios
  echo "--- alerts (WARDEN_ALERT_LOG, one JSON object per line):"
  cat "$alerts"
  rm -f "$alerts"
done
