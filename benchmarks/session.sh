#!/usr/bin/env bash
# HTTP session benchmark (issue 4), run by hand, never by the tests:
#   benchmarks/session.sh
# Builds benchmarks/target/benchmarks.jar if it is missing or older than a source it measures, then runs
# io.dmagent.server.SessionBenchmark: one complete management session of 4 packages, the real agent (session
# engine, HTTP binding, message codec, tree) against the reference server in a JVM of its own, over loopback HTTP:
#   1. latency of one session, WBXML and XML, one agent thread, median (p0.50)       target < 5 ms
#   2. the same with the agent's own JVM options (C1 only, SerialGC, 96 MB heap)
#   3. the same with the tree on a file (durable commits: the Replace waits for the disk)
#   4. sessions per second one agent JVM sustains, agent JVM options, 1, 2 and 4 threads
#   5. the session over TLS (issue 5), WBXML, agent JVM options: plain HTTP, TLS 1.3 on the connection kept from
#      the session before (the binding's default), TLS 1.3 resumed on a new connection, TLS 1.3 with a full
#      handshake every session, TLS-PSK (TLS 1.2, BouncyCastle); each without authentication and with HMAC-MD5
#      both ways (target: TLS 1.3 with HMAC at most 2x plain HTTP without authentication)
#   6. the floor under step 5: io.dmagent.server.TlsHandshakeBenchmark, a loopback connection, a resumed JSSE
#      handshake (TLS 1.2, TLS 1.3) or none (TCP), one byte each way, the agent's code not involved
# About 4 minutes on 2 cores. JMH output goes to benchmarks/target/session-results/; a summary is printed at the end.
# JMH_SETTINGS replaces the short settings (default "-f 1 -wi 3 -i 5"). --summary prints the last summary again.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/session-results

summary_only=false
[ "${1:-}" = "--summary" ] && summary_only=true

if ! $summary_only; then
if [ ! -f "$jar" ] || [ -n "$(find bundles/*/src/main benchmarks/src benchmarks/pom.xml -newer "$jar" -type f \
    2>/dev/null | head -1)" ]; then
  # package, not install: the snapshot jars of this worktree must not reach the shared ~/.m2.
  mvn -B -q package -Dmaven.test.skip=true -Dspotless.check.skip=true -pl benchmarks -am
fi
rm -rf "$out"
mkdir -p "$out"

agent_opts=()
for o in -Xms16m -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xss512k; do
  agent_opts+=(-jvmArgsAppend "$o")
done
short=${JMH_SETTINGS:--f 1 -wi 3 -i 5}

# Others build on the same cores: the load average is logged before and after each step.
load() { cut -d' ' -f1-3 /proc/loadavg; }

jmh() { # jmh <name> <jmh args...>
  local name=$1
  shift
  echo "== $name: java -jar $jar $*" | tee "$out/$name.txt"
  echo "load average before: $(load)" | tee -a "$out/loads.txt" >>"$out/$name.txt"
  # shellcheck disable=SC2086
  java -jar "$jar" "$@" -foe true -rf csv -rff "$out/$name.csv" >>"$out/$name.txt" 2>&1 || {
    tail -40 "$out/$name.txt"
    exit 1
  }
  echo "load average after:  $(load)  ($name)" | tee -a "$out/loads.txt" >>"$out/$name.txt"
  sed -n '/^Benchmark /,$p' "$out/$name.txt"
}

{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
    "$(free -g | awk '/^Mem:/ {print $2}') GB RAM"
  echo "  $(java -version 2>&1 | head -1); $(date -u +%Y-%m-%d); at $(git rev-parse --short HEAD)$(
    git diff --quiet HEAD -- bundles benchmarks || echo ' + uncommitted changes')"
} | tee "$out/machine.txt"
if awk '{exit !($1 > 0.5)}' /proc/loadavg; then
  echo "warning: load average $(load) before the run; other processes will skew the figures" >&2
fi

jmh latency SessionBenchmark $short
jmh latency-agent-opts SessionBenchmark $short "${agent_opts[@]}"
jmh latency-file SessionBenchmark $short -p store=file -p encoding=WBXML "${agent_opts[@]}"
jmh tls SessionBenchmark $short -p encoding=WBXML -p channel=http,tls,tls-resumed,tls-full,psk -p auth=none,hmac \
  "${agent_opts[@]}"
jmh tls-floor TlsHandshakeBenchmark $short
for t in 1 2 4; do
  jmh "throughput-$t" SessionBenchmark $short -bm thrpt -tu s -t "$t" -p encoding=WBXML "${agent_opts[@]}"
done
fi

echo
echo "== summary"
cat "$out/machine.txt"
# score <csv> <benchmark suffix> [param encoding] [param store]: the score of one row of a JMH csv.
score() {
  awk -F, -v b="$2" -v e="${3:-}" -v s="${4:-}" '{gsub(/["\r]/, "")}
    $1 ~ ("\\." b "$") && (e == "" || $(NF-1) == e) && (s == "" || $NF == s) {print $5; exit}' "$1"
}
for name in latency latency-agent-opts latency-file; do
  for enc in WBXML XML; do
    for store in memory file; do
      v=$(score "$out/$name.csv" "session:p0.50" "$enc" "$store")
      p9=$(score "$out/$name.csv" "session:p0.90" "$enc" "$store")
      if [ -n "$v" ]; then
        printf '%-20s %-6s %-7s median %6.2f ms, p90 %6.2f ms (target: median < 5 ms)\n' "$name" "$enc" "$store" \
          "$(awk -v v="$v" 'BEGIN {print v / 1000}')" "$(awk -v v="$p9" 'BEGIN {print v / 1000}')"
      fi
    done
  done
done
for t in 1 2 4; do
  v=$(score "$out/throughput-$t.csv" "session" "WBXML" "memory")
  [ -n "$v" ] && printf 'throughput %d thread(s), agent JVM options: %6.0f sessions/s\n' "$t" "$v"
done
# channel <csv> <channel> <auth> <percentile>: the score of one row (params: auth, channel, encoding, store).
channel() {
  awk -F, -v c="$2" -v a="$3" -v b="$4" '{gsub(/["\r]/, "")}
    $1 ~ ("\\." b "$") && $(NF-2) == c && $(NF-3) == a {print $5; exit}' "$1"
}
if [ -f "$out/tls.csv" ]; then
  plain=$(channel "$out/tls.csv" http none "session:p0.50")
  for a in none hmac; do
    for c in http tls tls-resumed tls-full psk; do
      v=$(channel "$out/tls.csv" "$c" "$a" "session:p0.50")
      [ -n "$v" ] && printf 'tls step, %-11s auth %-4s WBXML, agent JVM options: median %6.2f ms = %4.2f x plain HTTP%s\n' \
        "$c" "$a" "$(awk -v v="$v" 'BEGIN {print v / 1000}')" "$(awk -v v="$v" -v p="$plain" 'BEGIN {print v / p}')" \
        "$(case "$c$a" in tlshmac | tls-resumedhmac) echo ' (target: at most 2 x)' ;; esac)"
    done
  done
fi
if [ -f "$out/tls-floor.csv" ]; then
  for p in TCP TLSv1.2 TLSv1.3; do
    v=$(awk -F, -v p="$p" '{gsub(/["\r]/, "")} $1 ~ /:p0.50$/ && $NF == p {print $5; exit}' "$out/tls-floor.csv")
    [ -n "$v" ] && printf 'tls floor, JSSE alone: connection + resumed handshake (%s) + one byte each way: median %6.2f ms\n' \
      "$p" "$(awk -v v="$v" 'BEGIN {print v / 1000}')"
  done
fi
echo "load averages:"
cat "$out/loads.txt"
