#!/usr/bin/env bash
# WAP push flood (issue 14's flood target), run by hand, never by the tests:
#   benchmarks/push-wap-flood.sh [seconds per run, default 10] [rounds, default 3]
# Builds benchmarks/target/benchmarks.jar if it is missing or older than a source of push-wap, api or benchmarks,
# then, in one JVM: 10,000 invalid WSP push datagrams per second on loopback UDP with 100 valid pushes per second
# interleaved; the time from each valid one's send to the receiver's call (median, p99) and the CPU of the thread
# reading the socket, for a bare socket reader (the floor) and the binding's WapPushListener, alternated per round.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/push-wap-flood

if [ ! -f "$jar" ] || [ -n "$(find bundles/push-wap/src/main bundles/api/src/main benchmarks/src benchmarks/pom.xml \
    -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
  # package, not install: the snapshot jars of this worktree must not reach the shared ~/.m2.
  mvn -B -q package -Dmaven.test.skip=true -Dspotless.check.skip=true -pl benchmarks -am
fi
mkdir -p "$out"
{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //');" \
    "$(java -version 2>&1 | head -1); $(date -u +%Y-%m-%d); commit $(git rev-parse --short HEAD)$(
      git diff --quiet HEAD -- bundles benchmarks || echo ' + uncommitted changes')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"
java -cp "$jar" io.dmagent.pushwap.WapFloodDriver "${1:-10}" "${2:-3}" | tee "$out/flood.txt"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
