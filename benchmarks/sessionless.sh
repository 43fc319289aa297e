#!/usr/bin/env bash
# Sessionless reports and commands (issue 15), run by hand, never by the tests:
#   benchmarks/sessionless.sh [reports=20000] [callers=4] [commands=2000] [batch=20]
# Builds benchmarks/target/benchmarks.jar if it is missing or older than a source, then runs
# io.dmagent.sessionless.SessionlessDriver against one local Mosquitto (/usr/sbin/mosquitto, started by the driver):
#   three rounds of: raw Paho QoS 1 publishing <reports> single-report envelopes (900 in flight: the ceiling),
#   then <reports> sessionless reports stored by <callers> threads (one a call, then <batch> a call with
#   reportAll) in a durable outbox and delivered by the
#   sessionless sender over the MQTT binding's channel (rate = stored first to outbox empty); ratio ours/raw;
#   then <commands> signed sessionless commands (one Replace) received -> applied, median against the floor of
#   the same Replace done on the tree directly, alternated.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/sessionless-results
if [ ! -f "$jar" ] || [ -n "$(find bundles/*/src/main benchmarks/src benchmarks/pom.xml -newer "$jar" -type f \
    2>/dev/null | head -1)" ]; then
  # package, not install: the snapshot jars of this worktree must not reach the shared ~/.m2.
  mvn -B -q package -Dmaven.test.skip=true -Dspotless.check.skip=true -pl benchmarks -am
fi
rm -rf "$out"
mkdir -p "$out"
{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //');" \
    "$(/usr/sbin/mosquitto -h 2>/dev/null | head -1); $(java -version 2>&1 | head -1);" \
    "$(date -u +%Y-%m-%d); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- bundles benchmarks ||
      echo ' + uncommitted changes')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"
java -DmaxBatch="${MAX_BATCH:-500}" -cp "$jar" io.dmagent.sessionless.SessionlessDriver "${1:-20000}" "${2:-4}" "${3:-2000}" "${4:-20}" | tee "$out/result.txt"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
