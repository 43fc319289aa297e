#!/usr/bin/env bash
# Start-up and footprint benchmark (run by hand, not by the tests):
#   mvn -B -q install -DskipTests && benchmarks/startup/startup.sh [runs]
# For each of N cold starts (a new JVM, a fresh copy of the image, an empty data/): time from process start to the
# "ready" line, and resident memory (VmRSS) one second after it. Same for a bare Felix with SCR, ConfigAdmin and
# Gogo, started with the same JVM options. Prints the medians as a Markdown table row set.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
image=distribution/target/dmagent
[ -x "$image/bin/dmagent" ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }

work=$(mktemp -d)
trap 'pkill -f "$work" 2>/dev/null || true; rm -rf "$work"' EXIT

# The JVM options bin/dmagent uses by default, for the floor too.
opts=$(sed -n 's/^DEFAULT_OPTS="\(.*\)"$/\1/p' "$image/bin/dmagent" | head -1)

sys="$image/system"
bare_bundles=(
  "$sys"/org/osgi/org.osgi.service.component/*/*.jar
  "$sys"/org/osgi/org.osgi.util.function/*/*.jar
  "$sys"/org/osgi/org.osgi.util.promise/*/*.jar
  "$sys"/org/apache/felix/org.apache.felix.configadmin/*/*.jar
  "$sys"/org/apache/felix/org.apache.felix.scr/*/*.jar
  "$sys"/org/apache/felix/org.apache.felix.gogo.runtime/*/*.jar
  "$sys"/org/apache/felix/org.apache.felix.gogo.command/*/*.jar
  "$sys"/org/apache/felix/org.apache.felix.gogo.shell/*/*.jar
)
mkdir -p "$work/bare-classes"
javac -d "$work/bare-classes" -cp "$image/lib/felix.jar" benchmarks/startup/BareFelix.java

now_ms() { date +%s%3N; }

# measure <label> <command...>: runs the command until it prints a line with "ready", records ms and RSS (MB).
measure() {
  local out="$work/out.$1" start pid ms rss
  shift
  start=$(now_ms)
  "$@" </dev/null >"$out" 2>&1 &
  pid=$!
  while ! grep -q "ready" "$out" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "process died:" >&2; cat "$out" >&2; exit 1; }
    sleep 0.005
  done
  ms=$(( $(now_ms) - start ))
  sleep 1
  # bin/dmagent execs java, so $pid is the JVM itself.
  rss=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ms $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: >"$work/agent" ; : >"$work/bare"
for i in $(seq "$runs"); do
  rm -rf "$work/agent-home"; cp -r "$image" "$work/agent-home"
  measure agent "$work/agent-home/bin/dmagent" >>"$work/agent"
  rm -rf "$work/bare-cache"
  # shellcheck disable=SC2086
  measure bare java $opts -cp "$image/lib/felix.jar:$work/bare-classes" BareFelix "$work/bare-cache" "${bare_bundles[@]}" >>"$work/bare"
done

agent_ms=$(cut -d' ' -f1 "$work/agent" | median); agent_rss=$(cut -d' ' -f2 "$work/agent" | median)
bare_ms=$(cut -d' ' -f1 "$work/bare" | median); bare_rss=$(cut -d' ' -f2 "$work/bare" | median)
echo "| what | start to ready, median of $runs (ms) | RSS after start, median (MB) |"
echo "|---|---|---|"
echo "| DM Agent distribution (dm-core, dm-http) | $agent_ms | $agent_rss |"
echo "| bare Felix + SCR + ConfigAdmin + Gogo (floor) | $bare_ms | $bare_rss |"
awk -v a="$agent_ms" -v b="$bare_ms" 'BEGIN {printf "ratio agent/floor: %.2f\n", a/b}'
echo "JVM options: $opts"
