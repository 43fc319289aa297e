#!/usr/bin/env bash
# Notification received -> package 1 on the wire, per push binding (issue 14's targets), run by hand, never by the
# tests:
#   mvn -B -o -q package -DskipTests && benchmarks/wake.sh [wakes per binding, default 50] [flood rate/s, default 10000]
# One run of the assembled distribution with dm-server and all four push features (http, sip, wap on free loopback
# ports; mqtt on a Mosquitto this script starts on a free loopback port), driven through its console on standard
# input. Each wake is `dmserver:notify <DevId> --binding X --session <new hex>`; its time is read from the log: from
# the "received <instant>" the notification receiver puts on its "package #0 over X ... session <hex>" line (taken
# when it was handed the push) to the reference server's first line naming session <hex> (written while it reads
# package 1: "device authenticated"). Floor, same run: curl opening a fresh TLS connection to the same server and
# getting one POST answered, once per round (no console command asks for a client-initiated session).
# Phase 2: wakes over http and wap while a flood of invalid WAP pushes (a valid WSP frame whose package #0 has a
# wrong digest: it reaches the notification receiver and is refused there) runs at the rate against the wap port;
# the agent process's CPU from /proc/<pid>/stat over the timed wakes. KEEP=1 keeps the work folder (agent's log).
set -euo pipefail
cd "$(dirname "$0")/.."
wakes=${1:-50}
rate=${2:-10000}
image=distribution/target/dmagent
[ -x "$image/bin/dmagent" ] || { echo "build first: mvn -B -o -q package -DskipTests" >&2; exit 1; }
command -v mosquitto >/dev/null || { echo "needs mosquitto (apt-get install mosquitto)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  exec 7>&- 2>/dev/null || true
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
free_udp_port() {
  python3 -c 'import socket; s=socket.socket(type=socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //');" \
  "$(java -version 2>&1 | head -1); $(date -u +%Y-%m-%d); commit $(git rev-parse --short HEAD)$(
    git diff --quiet HEAD -- bundles benchmarks distribution || echo ' + uncommitted changes')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- the broker and the agent's home ---
mqtt_port=$(free_port)
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$mqtt_port" >"$work/mosquitto.conf"
mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
pids+=($!)

home=$work/home
cp -r "$image" "$home"
cfg=$home/config
server_port=$(free_port); http_port=$(free_port); sip_port=$(free_udp_port); wap_port=$(free_udp_port)
for f in "$cfg"/*.cfg; do
  sed -i -e "s/^port=8980\$/port=$server_port/" -e "s/:8980\//:$server_port\//g" \
    -e "s/^port=8088\$/port=$http_port/" -e "s/:8088\//:$http_port\//g" "$f"
done
echo "features=dm-core,dm-http,dm-server,dm-push-http,dm-push-sip,dm-push-wap,dm-push-mqtt" \
  >"$cfg/io.dmagent.runtime.cfg"
sed -i "s|^defaultPushAddresses=.*|defaultPushAddresses=http://127.0.0.1:$http_port/dm/push,sip:udp://127.0.0.1:$sip_port,wap://127.0.0.1:$wap_port,mqtt://127.0.0.1:$mqtt_port|" \
  "$cfg/io.dmagent.server.cfg"
printf 'address=127.0.0.1\nport=%s\n' "$sip_port" >"$cfg/io.dmagent.push.sip.cfg"
printf 'bindAddress=127.0.0.1\nport=%s\n' "$wap_port" >"$cfg/io.dmagent.push.wap.cfg"
printf 'brokerUri=tcp://127.0.0.1:%s\n' "$mqtt_port" >"$cfg/io.dmagent.push.mqtt.cfg"
# the per-server rate limit (1 a second by default) would refuse back-to-back wakes; wrong digests are refused
# before it is consulted, so it does not shield the flood phase
printf 'rateBurst=1000\nratePerSecond=1000\n' >"$cfg/io.dmagent.notification.cfg"

# --- the agent, its console on a fifo ---
mkfifo "$work/keys"
log=$work/agent.log
"$home/bin/dmagent" --console <"$work/keys" >"$log" 2>&1 &
agent=$!
pids+=("$agent")
exec 7>"$work/keys"
from=0 # await and the wake's lines read the log from this byte on: under the flood it grows by MBs a second
await() { # await <fixed string> [timeout s]: 1 when it is not there in time
  local deadline=$(( $(date +%s) + ${2:-60} ))
  until tail -c +$((from + 1)) "$log" | grep -qF -- "$1"; do
    kill -0 "$agent" 2>/dev/null || { echo "agent died:" >&2; tail -50 "$log" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.02
  done
}
must() { await "$@" || { echo "no line '$1' in time" >&2; exit 1; }; }
must "with dmagent-demo ended: completed" 120
must "io.dmagent.push-mqtt" 60
n=0
console() { n=$((n + 1)); from=$(stat -c %s "$log"); echo "$1" >&7; echo "echo marker-$n" >&7; must "marker-$n" 30; }
console "dmserver:devices"
devid=$(grep "session(s)" "$log" | head -1 | sed 's/^\(g! \)*//' | cut -d' ' -f1)
echo "device $devid, agent pid $agent, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

ms() { # ISO instant -> epoch ms
  python3 -c 'import sys,datetime,re
for l in sys.stdin:
  t=re.sub(r"(\.\d{6})\d*", r"\1", l.strip().rstrip("Z"))
  print("%.3f" % (datetime.datetime.fromisoformat(t).replace(tzinfo=datetime.timezone.utc).timestamp()*1000))'
}
# the notification accepted: the receiver's line says when it was received; package 1: the server's first line
# naming the session (written while it reads package 1: the device authenticated, or the session started)
received_ms() { tail -c +$((from + 1)) "$log" | grep -F "package #0 over $1 from" | grep -F "session $2," | head -1 | sed 's/.*, received //' | ms; }
package1_ms() { tail -c +$((from + 1)) "$log" | grep -F "io.dmagent.server: session '$1' with" | head -1 | sed 's/^\(g! \)*//' | cut -d' ' -f1 | ms; }
sid=$((0x1000))
# wake <binding> <results file>: one notification, waits for its session's end, appends the latency in ms; a
# notification that started no session within 3 s (a datagram lost under the flood) is counted in <file>.lost
wake() {
  sid=$((sid + 1)); local hex; hex=$(printf '%04X' "$sid")
  console "dmserver:notify $devid --binding $1 --session $hex"
  await "session $hex with dmagent-demo ended" 3 || { echo "$hex" >>"$2.lost"; return 0; }
  awk -v p="$(package1_ms "$hex")" -v r="$(received_ms "$1" "$hex")" 'BEGIN {printf "%.1f\n", p - r}' >>"$2"
}
# floor <results file>: a fresh TLS connection to the same server and one POST answered (curl, same run)
floor() {
  curl -sk -o /dev/null -w '%{time_total}\n' -H 'Content-Type: text/plain' --data x \
    "https://127.0.0.1:$server_port/dm" | awk '{printf "%.1f\n", $1*1000}' >>"$1"
}
stats() { sort -n "$1" | awk '{a[NR]=$1} END {
  p=int((NR*99+99)/100); if (p>NR) p=NR; printf "%s %s %d\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[p], NR }'; }
table() { # table <title> <files...>
  echo; echo "$1"
  echo "| what | median (ms) | p99 (ms) | samples | median / floor |"
  echo "|---|---|---|---|---|"
  local fm; read -r fm _ _ < <(stats "$work/floor")
  for f in "${@:2}"; do
    [ ! -f "$f.lost" ] || echo "| $(basename "$f"): LOST, no session within 3 s | count $(wc -l <"$f.lost") | | | |"
    [ -f "$f" ] || continue
    read -r med p99 cnt < <(stats "$f")
    awk -v n="$(basename "$f")" -v m="$med" -v p="$p99" -v c="$cnt" -v fl="$fm" \
      'BEGIN {printf "| %s | %s | %s | %d | %.2f |\n", n, m, p, c, m/fl}'
  done
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$agent/stat"; }

# --- phase 1: each binding, wakes interleaved so that all see the same load ---
for b in http sip wap mqtt; do wake "$b" /dev/null; done # warm-up
floor /dev/null
mkdir -p "$work/p1" "$work/p2"
t0=$(date +%s%N); c0=$(cpu_ticks)
for i in $(seq "$wakes"); do
  for b in http sip wap mqtt; do wake "$b" "$work/p1/$b"; done
  floor "$work/floor"
done
t1=$(date +%s%N); c1=$(cpu_ticks)
echo "load average after phase 1: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v c=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v ns=$((t1 - t0)) 'BEGIN {
  printf "agent process CPU during phase 1 (no flood): %.2f cores\n", c/hz/(ns/1e9) }'
table "Phase 1: notification received -> package 1 at the server (floor: curl, fresh TLS connection + one POST)" \
  "$work/p1/http" "$work/p1/sip" "$work/p1/wap" "$work/p1/mqtt" "$work/floor"

# --- phase 2: the same wakes over wap and http while invalid WAP pushes flood the wap port ---
console "dmserver:notify $devid --binding wap --session FFFF --out $work/valid.bin"
python3 - "$work/valid.bin" "$work/invalid.bin" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[0] ^= 0xFF  # package #0 starts with its 16-byte digest: a wrong one
open(sys.argv[2], "wb").write(bytes.fromhex("010603C4AF87") + bytes(b))  # WSP push, 0x44, app id 0x07
PY
python3 - "$work/invalid.bin" "$wap_port" "$rate" "$work/flood.sent" <<'PY' &
import signal, socket, sys, time
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # a background job of a script ignores SIGINT
pdu = open(sys.argv[1], "rb").read(); port = int(sys.argv[2]); rate = int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); sent = 0; start = time.monotonic()
try:
  while True:
    due = int((time.monotonic() - start) * rate)
    while sent < due:
      s.sendto(pdu, ("127.0.0.1", port)); sent += 1
    time.sleep(0.001)
finally:
  open(sys.argv[4], "w").write("%d %.3f\n" % (sent, time.monotonic() - start))
PY
flood=$!
pids+=("$flood")
sleep 2 # the flood reaches its rate
t0=$(date +%s%N); c0=$(cpu_ticks); load_during=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq "$wakes"); do
  for b in http wap; do wake "$b" "$work/p2/$b"; done
done
t1=$(date +%s%N); c1=$(cpu_ticks)
kill -TERM "$flood"; wait "$flood" 2>/dev/null || true
refused=$(grep -c "refused: UNAUTHENTICATED" "$log" || true)
lines_per_s=$(awk -v b="$(stat -c %s "$log")" 'BEGIN {printf "%.1f MB log written", b/1e6}')
hz=$(getconf CLK_TCK)
echo
echo "flood: $(cat "$work/flood.sent" | awk '{printf "%d invalid pushes in %.1f s (%.0f/s)", $1, $2, $1/$2}'), $refused refused by the receiver, $lines_per_s;" \
  "load average at its start: $load_during, after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v c=$((c1 - c0)) -v hz="$hz" -v ns=$((t1 - t0)) 'BEGIN {
  printf "agent process CPU during the timed wakes under the flood: %.2f cores (%.1f s CPU in %.1f s)\n", c/hz/(ns/1e9), c/hz, ns/1e9 }'
table "Phase 2: wakes while $rate invalid WAP pushes a second flood the wap port" "$work/p2/http" "$work/p2/wap"
