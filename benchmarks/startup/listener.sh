#!/usr/bin/env bash
# What the feature dm-http-listener (Felix HTTP Jetty 12 + the whiteboard) adds to start-up and memory
# (run by hand, not by the tests):
#   mvn -B -o -q package -DskipTests && benchmarks/startup/listener.sh [runs]
# Each run starts two fresh copies of the image one after the other, so that both see the same machine load:
#   base:     features=dm-core,dm-http
#   listener: features=dm-core,dm-http,dm-http-listener (plain HTTP on 127.0.0.1, a free port)
# and records the time from process start to the "ready" line, for the listener also until its port accepts a
# connection, and the resident memory (VmRSS) one second later. Prints medians and the listener/base ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-7}
image=distribution/target/dmagent
[ -x "$image/bin/dmagent" ] || { echo "build first: mvn -B -o -q package -DskipTests" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# run <home> <port or ""> -> "ready_ms listening_ms rss_mb"
run() {
  local home=$1 port=$2 out="$1/out" start pid ready listening rss
  start=$(now_ms)
  "$home/bin/dmagent" </dev/null >"$out" 2>&1 &
  pid=$!
  pids+=("$pid")
  while ! grep -q "ready" "$out" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "agent died:" >&2; cat "$out" >&2; exit 1; }
    sleep 0.005
  done
  ready=$(( $(now_ms) - start ))
  listening=$ready
  if [ -n "$port" ]; then
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
      kill -0 "$pid" 2>/dev/null || { echo "agent died:" >&2; cat "$out" >&2; exit 1; }
      sleep 0.005
    done
    listening=$(( $(now_ms) - start ))
  fi
  sleep 1
  rss=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ready $listening $rss"
}

home() {
  local dir=$1 features=$2
  rm -rf "$dir"; cp -r "$image" "$dir"
  sed -i "s/^features=.*/features=$features/" "$dir/config/io.dmagent.runtime.cfg"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: >"$work/base"; : >"$work/listener"
for i in $(seq "$runs"); do
  home "$work/base-home" dm-core,dm-http
  run "$work/base-home" "" >>"$work/base"
  port=$(free_port)
  home "$work/listener-home" dm-core,dm-http,dm-http-listener
  sed -i "s/^port=.*/port=$port/" "$work/listener-home/config/io.dmagent.http.listener.cfg"
  run "$work/listener-home" "$port" >>"$work/listener"
done

col() { cut -d' ' -f"$1" "$2" | median; }
b_ready=$(col 1 "$work/base"); b_rss=$(col 3 "$work/base")
l_ready=$(col 1 "$work/listener"); l_listen=$(col 2 "$work/listener"); l_rss=$(col 3 "$work/listener")
echo "| what | start to ready, median of $runs (ms) | start to port open (ms) | RSS after start (MB) |"
echo "|---|---|---|---|"
echo "| dm-core, dm-http (base) | $b_ready | - | $b_rss |"
echo "| dm-core, dm-http, dm-http-listener | $l_ready | $l_listen | $l_rss |"
awk -v a="$l_ready" -v b="$b_ready" -v l="$l_listen" -v ra="$l_rss" -v rb="$b_rss" 'BEGIN {
  printf "listener/base: ready %.2fx, port open %.2fx of base ready; RSS %+.1f MB (%.2fx)\n", a/b, l/b, ra-rb, ra/rb }'
