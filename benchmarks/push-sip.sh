#!/usr/bin/env bash
# SIP push binding under a flood (issue 14's target), run by hand, never by the tests:
#   benchmarks/push-sip.sh [seconds per phase, default 10] [flood rate per second, default 10000]
# Builds benchmarks/target/benchmarks.jar if it is missing or older than a source it measures, then runs
# io.dmagent.pushsip.SipFloodDriver: the binding's UDP listener wired as its component wires it, around a receiver
# that accepts at once (the binding alone is measured). A probe MESSAGE every 20 ms, its round trip timed, first
# alone (the floor), then while a second socket sends malformed MESSAGEs (each answered 400) at the rate.
# Target: probes served within 50 ms under 10,000 invalid requests a second, the listener under one core.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ] || [ -n "$(find bundles/push-sip/src/main bundles/api/src/main benchmarks/src benchmarks/pom.xml \
    -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
  # package, not install: the snapshot jars of this worktree must not reach the shared ~/.m2.
  mvn -B -q package -Dmaven.test.skip=true -Dspotless.check.skip=true -pl benchmarks -am
fi
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //');" \
  "$(java -version 2>&1 | head -1); $(date -u +%Y-%m-%d); commit $(git rev-parse --short HEAD)$(
    git diff --quiet HEAD -- bundles benchmarks || echo ' + uncommitted changes')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$jar" io.dmagent.pushsip.SipFloodDriver "${1:-10}" "${2:-10000}"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
