#!/usr/bin/env bash
# The policy targets of issue 17, run by hand, never by the tests:
#   benchmarks/policy.sh [rounds=2000] [policies=1000] [changes/s=100] [seconds=30]
# Builds benchmarks/target/benchmarks.jar if it is missing or older than a source, then runs
# io.dmagent.policy.PolicyTargetsDriver on a tree stored in benchmarks/target/bench-data/policy:
#   1. input change -> action applied: Pi4J's mock door input goes high, the GPIO MO writes its State into the tree,
#      the policy engine replaces the relay's State, which drives the mock output; median against the floor of a bare
#      device Replace heard by a tree listener, alternated in the same run (target: median < 10 ms);
#   2. <policies> active policies and <changes/s> value changes per second for <seconds> s: process CPU time / wall
#      time against the same changes with no policy (target: < 10% of one core), and heap per policy after GC.
# About 2 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/policy-results
data=$PWD/benchmarks/target/bench-data/policy
if [ ! -f "$jar" ] || [ -n "$(find bundles/*/src/main benchmarks/src benchmarks/pom.xml -newer "$jar" -type f \
    2>/dev/null | head -1)" ]; then
  # package, not install: the snapshot jars of this worktree must not reach the shared ~/.m2.
  mvn -B -q package -Dmaven.test.skip=true -Dspotless.check.skip=true -pl benchmarks -am
fi
rm -rf "$out" "$data"
mkdir -p "$out" "$data"
{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
    "$(df -T "$data" | awk 'NR == 2 {print $2 " on " $1}'); $(java -version 2>&1 | head -1);" \
    "$(date -u +%Y-%m-%d); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- bundles benchmarks ||
      echo ' + uncommitted changes')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"
java -Xmx256m -cp "$jar" io.dmagent.policy.PolicyTargetsDriver "$data" "${1:-2000}" "${2:-1000}" "${3:-100}" \
  "${4:-30}" 2> >(grep -v '^SLF4J' >&2) | tee "$out/result.txt"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
