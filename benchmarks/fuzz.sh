#!/usr/bin/env bash
# Fuzzes every decoder entry point (DM messages, DDF and TNDS documents, in XML and WBXML) for as long as
# wanted: the codec's DecoderFuzzTest with a longer run. Each input must be decoded or refused with 400, 413 or
# 415, never anything else, within a work budget linear in its size.
#   benchmarks/fuzz.sh [seconds] [seed]      (defaults: 600 seconds, the fixed seed of mvn verify)
# Figures are printed and appended to benchmarks/target/fuzz-report.txt, inputs of findings kept in
# benchmarks/target/fuzz-findings/. Needs a build of the reactor first
# (mvn -B -o package -DskipTests) and the vectors at ../shared/vectors (or -Ddmagent.vectors=...).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
seed="${2:-20261207}"
mkdir -p benchmarks/target
report="$PWD/benchmarks/target/fuzz-report.txt"
mvn -B -o -q -pl bundles/codec test -Dtest=DecoderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true \
  -Ddmagent.fuzz.decoders.seconds="$seconds" -Ddmagent.fuzz.decoders.seed="$seed" \
  -Ddmagent.fuzz.decoders.report="$report" -Ddmagent.fuzz.decoders.findings="$PWD/benchmarks/target/fuzz-findings" \
  -Dsurefire.timeout=$((seconds + 600))
tail -n 1 "$report"
