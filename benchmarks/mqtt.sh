#!/usr/bin/env bash
# MQTT report delivery benchmark (issues 14/15), run by hand, never by the tests:
#   benchmarks/mqtt.sh            (THREADS=16 concurrent callers unless given)
# Builds benchmarks/target/benchmarks.jar if it is missing or older than a source of push-mqtt, api or benchmarks,
# then measures in one JMH run against one local Mosquitto (/usr/sbin/mosquitto, started by the benchmark):
#   deliver  the binding's ReportChannel.deliver: QoS 1 publish, returns at the PUBACK
#   rawPaho  raw Paho QoS 1 publish of the same payload to the same broker, waiting for the PUBACK: the ceiling
# and prints deliver/rawPaho. JMH_SETTINGS replaces "-f 1 -wi 3 -i 5". About 1 minute.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/mqtt-results
threads=${THREADS:-16}

if [ ! -f "$jar" ] || [ -n "$(find bundles/push-mqtt/src/main bundles/api/src/main benchmarks/src benchmarks/pom.xml \
    -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
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
# shellcheck disable=SC2086
java -jar "$jar" ReportDeliveryBenchmark ${JMH_SETTINGS:--f 1 -wi 3 -i 5} -t "$threads" -foe true \
  -rf csv -rff "$out/mqtt.csv" >"$out/mqtt.txt" 2>&1 || {
  tail -40 "$out/mqtt.txt"
  exit 1
}
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
sed -n '/^Benchmark /,$p' "$out/mqtt.txt"
score() { awk -F, -v b="$1" '{gsub(/["\r]/, "")} $1 ~ ("\\." b "$") {print $5; exit}' "$out/mqtt.csv"; }
awk -v d="$(score deliver)" -v r="$(score rawPaho)" -v t="$threads" 'BEGIN {
  printf "\n== summary (%d callers, one run)\ndeliver %.0f /s  rawPaho %.0f /s  deliver/rawPaho %.2f\n", t, d, r, d / r }'
