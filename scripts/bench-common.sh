# Sourced by the cold-start bench and profile scripts (from the repository root): builds what is
# missing, and says how to run the benchmarks module's classes.

# Builds the agent, the sample functions, the local runtime and the benchmarks unless every file
# named (and the benchmarks jar) is there.
bench_build_if_missing() {
  local missing=false file
  for file in "$@"; do [ -e "$file" ] || missing=true; done
  compgen -G "benchmarks/target/warden-benchmarks-*.jar" > /dev/null || missing=true
  if $missing; then
    echo "building the agent, the sample functions, the local runtime and the benchmarks..." >&2
    # -DskipITs too: the forked-JVM integration tests take many minutes and measure nothing here.
    mvn -B -q install -DskipTests -DskipITs -pl benchmarks -am
  fi
}

# The benchmarks jar and its libraries, as a class path.
bench_classpath() {
  local classpath jar
  classpath="$(ls benchmarks/target/warden-benchmarks-*.jar | grep -v -- '-sources.jar' | head -1)"
  for jar in benchmarks/target/bench/lib/*.jar; do classpath="$classpath:$jar"; done
  echo "$classpath"
}

# The revision measured, marked when the working tree differs from it.
bench_revision() {
  local revision
  revision="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    revision="$revision (with local changes)"
  fi
  echo "$revision"
}

# Runs a benchmarks main class on the benchmarks' class path, telling it the command the user typed
# and the revision measured. The bench JVM itself stays small and out of the function's way: a
# 2-core machine has no core to spare for a large heap being collected while a function starts.
#   bench_exec MAIN_CLASS SCRIPT_NAME ARGS...
bench_exec() {
  local main="$1" script="$2"
  shift 2
  exec java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dbench.command="scripts/$script${*:+ $*}" -Dbench.revision="$(bench_revision)" \
    -cp "$(bench_classpath)" "$main" --repo . "$@"
}
