#!/usr/bin/env bash
# Quick start-up measurement: a trivial program launched N times with no agent and with Warden
# (monitor mode, built-in rules, no exporter), interleaved, on each given JDK; prints medians of
# wall time and peak RSS and the difference. Not the cold-start bench through the Lambda runtime
# (that is the benchmarks work); a first figure for the agent's own cost.
#   scripts/measure-startup.sh [runs] [jdk-home...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}; shift || true
jdks=("$@")
if [ ${#jdks[@]} -eq 0 ]; then
  jdks=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  for candidate in /usr/lib/jvm/temurin-25*; do [ -d "$candidate" ] && jdks+=("$candidate"); done
fi
agent=agent/target/warden-agent.jar
[ -f "$agent" ] || mvn -B -q package -DskipTests
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$work/Hello.java"
javac --release 17 -d "$work" "$work/Hello.java"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for jdk in "${jdks[@]}"; do
  : > "$work/none"; : > "$work/warden"
  for _ in $(seq "$runs"); do
    for config in none warden; do
      agent_flag=(); [ "$config" = warden ] && agent_flag=("-javaagent:$agent")
      /usr/bin/time -f "%e %M" -o "$work/one" "$jdk/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
        "${agent_flag[@]}" -cp "$work" Hello > /dev/null 2>&1
      cat "$work/one" >> "$work/$config"
    done
  done
  t0=$(cut -d' ' -f1 "$work/none" | median); t1=$(cut -d' ' -f1 "$work/warden" | median)
  m0=$(cut -d' ' -f2 "$work/none" | median); m1=$(cut -d' ' -f2 "$work/warden" | median)
  echo "$("$jdk/bin/java" -version 2>&1 | head -1): no agent ${t0}s ${m0}KiB; warden ${t1}s ${m1}KiB;" \
    "+$(awk "BEGIN {print int(($t1-$t0)*1000)}") ms, +$(awk "BEGIN {printf \"%.1f\", ($m1-$m0)/1024}") MiB ($runs runs each, medians)"
done
