#!/usr/bin/env bash
# Regenerates the list of classes the agent's class loader loads ahead of premain
# (agent/src/main/resources/dev/warden/agent/premain/premain-classes.txt): the agent jar's classes
# that premain loads on JDK 17, in load order. Run it after upgrading Byte Buddy or changing the
# hooks or the weaving; PremainClassListIT fails when the list has gone stale.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests -DskipITs -pl agent -am
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
printf 'public class PremainOnly { public static void main(String[] a) {} }\n' > "$work/PremainOnly.java"
javac --release 17 -d "$work" "$work/PremainOnly.java"
# without the current list, so the agent loads only what premain asks for
cp agent/target/warden-agent.jar "$work/agent.jar"
zip -q -d "$work/agent.jar" dev/warden/agent/premain/premain-classes.txt || true
java -Xlog:class+load:file="$work/log" -javaagent:"$work/agent.jar" -cp "$work" PremainOnly
list=agent/src/main/resources/dev/warden/agent/premain/premain-classes.txt
sed -n '1,/ PremainOnly source/p' "$work/log" | grep 'agent.jar' | awk '{print $2}' \
  | grep -v '^dev\.warden\.agent\.premain\.' > "$list"
echo "$(wc -l < "$list") classes written to $list; rebuild the agent to ship them"
