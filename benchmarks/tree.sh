#!/usr/bin/env bash
# DM tree benchmarks (issue 3), run by hand, never by the tests:
#   benchmarks/tree.sh
# Builds benchmarks/target/benchmarks.jar if it is missing or older than a source of the tree, api or benchmarks,
# then measures, on a 100,003-node tree (io.dmagent.tree.BigTree):
#   1. heap per node and store file size per node              (TreeHeap, SerialGC)
#   2. Get of a leaf, in memory and on a file store             (TreeGetBenchmark, median = p0.50)
#   3. ?list=Struct of the whole tree                           (TreeListBenchmark)
#   4. durable Replace, single and batched, against the fsync rate of the same folder (TreeDurableBenchmark)
#   5. opening the stored tree at start-up, in a JVM that never ran the tree code (TreeOpenBenchmark), closed
#      cleanly and after a crash that left 8,000 Replaces in the change log to replay
#   6. Get and ?list=Struct again with the agent's own JVM options (C1 only, SerialGC, 96 MB heap)
# Store files go to benchmarks/target/bench-data (the real disk). About 8 minutes on 2 cores.
# Everything JMH prints goes to benchmarks/target/tree-results/; the summary is printed at the end.
# JMH_SETTINGS replaces the short settings of the steady-state runs (default "-f 1 -wi 3 -i 5").
# benchmarks/tree.sh --summary prints the summary of the last run again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/tree-results
data=$root/benchmarks/target/bench-data

summary_only=false
[ "${1:-}" = "--summary" ] && summary_only=true

if ! $summary_only; then
if [ ! -f "$jar" ] || [ -n "$(find bundles/tree/src/main bundles/api/src/main benchmarks/src benchmarks/pom.xml \
    -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
  # Only the code is needed: tests and the format check belong to the normal build, and a benchmark run
  # should not fail on them while someone else's work on the tree is in progress.
  # package, not install: the snapshot jars of this worktree must not reach the shared ~/.m2.
  mvn -B -q package -Dmaven.test.skip=true -Dspotless.check.skip=true -pl benchmarks -am
fi

rm -rf "$out" "$data"
mkdir -p "$out" "$data"

# The JVM options bin/dmagent starts the agent with (see README, "JVM options"), one -jvmArgsAppend each.
agent_opts=()
for o in -Xms16m -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xss512k; do
  agent_opts+=(-jvmArgsAppend "$o")
done
# Short settings: one fork, 3 warm-up and 5 measured iterations (1 s each; 2 s for ?list=Struct).
short=${JMH_SETTINGS:--f 1 -wi 3 -i 5}

# Other processes on the machine skew every figure: the load average is logged before and after each step.
load() { cut -d' ' -f1-3 /proc/loadavg; }

jmh() { # jmh <name> <jmh args...>
  local name=$1
  shift
  echo "== $name: java -jar $jar $*" | tee "$out/$name.txt"
  echo "load average before: $(load)" | tee -a "$out/loads.txt" >>"$out/$name.txt"
  # shellcheck disable=SC2086
  java -jar "$jar" "$@" -foe true -jvmArgsAppend "-Ddmagent.bench.dir=$data" \
    -rf csv -rff "$out/$name.csv" >>"$out/$name.txt" 2>&1 || {
    tail -40 "$out/$name.txt"
    exit 1
  }
  echo "load average after:  $(load)  ($name)" | tee -a "$out/loads.txt" >>"$out/$name.txt"
  sed -n '/^Benchmark /,$p' "$out/$name.txt"
}

{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
    "$(free -g | awk '/^Mem:/ {print $2}') GB RAM," \
    "$(df -T "$data" | awk 'NR == 2 {print $2 " on " $1}'),"
  echo "  $(java -version 2>&1 | head -1); $(date -u +%Y-%m-%d); tree at $(git rev-parse --short HEAD)$(
    git diff --quiet HEAD -- bundles/tree bundles/api || echo ' + uncommitted changes')"
} | tee "$out/machine.txt"
if awk '{exit !($1 > 0.5)}' /proc/loadavg; then
  echo "warning: load average $(load) before the run; other processes will skew the figures" >&2
fi

echo "== heap and file size per node: java -XX:+UseSerialGC -cp $jar io.dmagent.tree.TreeHeap"
java -XX:+UseSerialGC -Ddmagent.bench.dir="$data" -cp "$jar" io.dmagent.tree.TreeHeap | tee "$out/heap.txt"

# -prof gc: allocation per operation, where much of the time of a Get or a listing goes.
jmh get TreeGetBenchmark $short -prof gc
jmh list TreeListBenchmark $short -prof gc
jmh durable TreeDurableBenchmark $short

# Start-up: the file is written by another JVM, so that each fork's single shot is its first run of the tree code.
java -Ddmagent.bench.dir="$data" -cp "$jar" io.dmagent.tree.BigTree build "$data/stored/tree.mv.db"
stored=(-jvmArgsAppend "-Ddmagent.bench.treeFile=$data/stored/tree.mv.db")
jmh open-cold TreeOpenBenchmark -bm ss -f 5 -wi 0 -i 1 "${stored[@]}"
jmh open-cold-agent-opts TreeOpenBenchmark -bm ss -f 5 -wi 0 -i 1 "${stored[@]}" "${agent_opts[@]}"
jmh open-warm TreeOpenBenchmark -bm ss -f 1 -wi 10 -i 10 "${stored[@]}"
# A crash after 8,000 Replaces since the last checkpoint (most of the 1 MiB change log): opening replays them.
java -Ddmagent.bench.dir="$data" -cp "$jar" io.dmagent.tree.BigTree crash "$data/stored/tree.mv.db" \
  "$data/crashed/tree.mv.db" 8000
jmh open-replay TreeOpenBenchmark -bm ss -f 5 -wi 0 -i 1 -jvmArgsAppend "-Ddmagent.bench.treeFile=$data/crashed/tree.mv.db"

jmh get-agent-opts TreeGetBenchmark $short -p store=file "${agent_opts[@]}"
jmh list-agent-opts TreeListBenchmark $short -p store=file "${agent_opts[@]}"
fi

echo
echo "== summary"
cat "$out/machine.txt"
# score <csv> <benchmark suffix> [store]: the score of one row of a JMH csv.
score() {
  awk -F, -v b="$2" -v s="${3:-}" '{gsub(/["\r]/, "")} $1 ~ ("\\." b "$") && (s == "" || $NF == s) {print $5; exit}' "$1"
}
for name in get get-agent-opts; do
  for store in memory file; do
    for op in getAsDevice getAsServer; do
      v=$(score "$out/$name.csv" "$op:p0.50" "$store")
      a=$(score "$out/$name.csv" "$op:gc.alloc.rate.norm" "$store")
      if [ -n "$v" ]; then
        printf '%-16s Get %-12s %-6s median %8.0f ns (target < 1000)  %s\n' "$name" "$op" "$store" "$v" \
          "${a:+$(printf '%.0f B allocated' "$a")}"
      fi
    done
  done
done
for name in list list-agent-opts; do
  for store in memory file; do
    for op in listStructAsDevice listStructAsServer; do
      v=$(score "$out/$name.csv" "$op:p0.50" "$store")
      a=$(score "$out/$name.csv" "$op:gc.alloc.rate.norm" "$store")
      if [ -n "$v" ]; then
        printf '%-16s %-18s %-6s median %8.1f ms (target < 100)  %s\n' "$name" "$op" "$store" "$v" \
          "${a:+$(printf '%.0f MB allocated' "$(awk -v a="$a" 'BEGIN {print a / 1048576}')")}"
      fi
    done
  done
done
d=$out/durable.csv
fsync=$(score "$d" fsync)
fdatasync=$(score "$d" fdatasync)
for op in fdatasync fsyncAppend16k replace replaceBatch10 replaceBatch100; do
  v=$(score "$d" "$op")
  awk -v op="$op" -v v="$v" -v f="$fsync" -v g="$fdatasync" 'BEGIN {
    printf "durable %-16s %9.0f /s  %8.1f us each  %.2f x fsync rate (%.0f /s), %.2f x fdatasync rate (%.0f /s)\n",
      op, v, 1e6 / v, v / f, f, v / g, g }'
done
for name in open-cold open-cold-agent-opts open-warm open-replay; do
  for op in open openAndGet; do
    printf '%-21s %-11s %8.1f ms (target < 300)\n' "$name" "$op" "$(score "$out/$name.csv" "$op")"
  done
done
grep 'bytes per node' "$out/heap.txt"
echo "load averages (1, 5, 15 min) around each JMH run:"
cat "$out/loads.txt"
