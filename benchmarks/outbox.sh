#!/usr/bin/env bash
# Outbox benchmark (issue 13.2), run by hand, never by the tests:
#   benchmarks/outbox.sh
# Builds benchmarks/target/benchmarks.jar if it is missing or older than a source of the outbox, api or benchmarks,
# then measures, in one JMH run on the same disk (benchmarks/target/bench-data):
#   storeAndAcknowledge  one 256-byte entry stored durably and acknowledged (the life of one Generic Alert)
#   pending              the 100 entries waiting for one server listed, of 200 held
#   durableStoreN        256-byte entries stored durably by N = 1, 4, 16 threads into one outbox (group commit)
# for the outbox bundle's MVStore store (mvstore) and a log of our own, one file per entry (files), against the
# fsync rate of the same folder (fsync): the floor. JMH_SETTINGS replaces "-f 1 -wi 3 -i 5". About 1 minute.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/outbox-results
data=$PWD/benchmarks/target/bench-data

if [ ! -f "$jar" ] || [ -n "$(find bundles/outbox/src/main bundles/api/src/main benchmarks/src benchmarks/pom.xml \
    -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
  # package, not install: the snapshot jars of this worktree must not reach the shared ~/.m2.
  mvn -B -q package -Dmaven.test.skip=true -Dspotless.check.skip=true -pl benchmarks -am
fi
rm -rf "$out"
mkdir -p "$out" "$data"
{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
    "$(df -T "$data" | awk 'NR == 2 {print $2 " on " $1}'); $(java -version 2>&1 | head -1);" \
    "$(date -u +%Y-%m-%d); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- bundles benchmarks ||
      echo ' + uncommitted changes')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"
# shellcheck disable=SC2086
java -jar "$jar" OutboxBenchmark ${JMH_SETTINGS:--f 1 -wi 3 -i 5} -foe true \
  -jvmArgsAppend "-Ddmagent.bench.dir=$data" -rf csv -rff "$out/outbox.csv" >"$out/outbox.txt" 2>&1 || {
  tail -40 "$out/outbox.txt"
  exit 1
}
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
sed -n '/^Benchmark /,$p' "$out/outbox.txt"
score() { # score <benchmark> [store]
  awk -F, -v b="$1" -v s="${2:-}" '{gsub(/["\r]/, "")} $1 ~ ("\\." b "$") && (s == "" || $NF == s) {print $5; exit}' \
    "$out/outbox.csv"
}
fsync=$(score fsync)
echo
echo "== summary (ratios within this one run)"
for op in storeAndAcknowledge pending; do
  m=$(score "$op" mvstore)
  f=$(score "$op" files)
  awk -v op="$op" -v m="$m" -v f="$f" -v s="$fsync" 'BEGIN {
    printf "%-20s mvstore %9.0f /s  files %9.0f /s  mvstore/files %.2f", op, m, f, m / f
    if (op == "storeAndAcknowledge") printf "  mvstore %.2f x fsync rate, files %.2f x fsync rate (%.0f /s)", m / s, f / s, s
    printf "\n" }'
done
for threads in 1 4 16; do
  awk -v t="$threads" -v m="$(score "durableStore$threads")" -v s="$fsync" 'BEGIN {
    printf "durable stores, %2d threads  %9.0f /s  %.2f x fsync rate\n", t, m, m / s }'
done
