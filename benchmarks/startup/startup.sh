#!/usr/bin/env bash
# Start-up, footprint and stop benchmark (run by hand, never by the tests):
#   mvn -B -q package -DskipTests && benchmarks/startup/startup.sh [rounds]
# (package, never install: the distribution image is distribution/target/dmagent.)
#
# Each agent set gets its own copy of the image, started twice first (the first start makes the demo's certificates,
# the tree, ConfigAdmin's store, and writes the class-data archive once ready; the second is the first to map it;
# their figures are printed apart), so the rounds measure what a gateway does at every boot: a restart with its
# data/ kept (the framework cache too, as a gateway keeps it). One round starts, in
# turn, the floor and each agent set, each in a new JVM, and takes for each:
#   ready  ms from the process's start to its line containing "ready"
#   cpu    CPU time (user + system, ms) the process used until then: less sensitive to the machine's load than ready
#   rss    VmRSS (MB) of the JVM one second after that line (bin/dmagent's supervisor shell apart)
#   stop   ms from SIGTERM to the process's exit
# The order of the runs rotates from round to round, so none always runs first after an idle moment. Each agent
# figure is divided by the floor's of the same round; the medians of those ratios are reported, as the machine is
# shared and its load varies more between rounds than within one.
#
# The floor: a bare Felix with SCR, ConfigAdmin, FileInstall and Gogo (and the OSGi API bundles SCR needs), started
# through FrameworkFactory like the agent's launcher does, with the same JVM options.
#
# Environment: IMAGE replaces the image measured; DMAGENT_CDS=off starts the agent without its class-data archive;
# DMAGENT_JAVA_OPTS replaces bin/dmagent's default JVM options for the agent and the floor alike (to
# compare option sets, run the script once per set); SETS replaces the agent sets measured ("name=features;...").
# Every process this script starts is stopped by its own pid; nothing else is touched.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-10}
image=${IMAGE:-distribution/target/dmagent}
[ -x "$image/bin/dmagent" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
sets=${SETS:-"production=dm-core,dm-http;demo=dm-core,dm-http,dm-server"}

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

default_opts=$(sed -n 's/^DEFAULT_OPTS="\(.*\)"$/\1/p' "$image/bin/dmagent" | head -1)
opts=${DMAGENT_JAVA_OPTS:-$default_opts}

sys="$image/system"
floor_bundles=(
  "$sys"/org/osgi/org.osgi.service.component/*/*.jar
  "$sys"/org/osgi/org.osgi.util.function/*/*.jar
  "$sys"/org/osgi/org.osgi.util.promise/*/*.jar
  "$sys"/org/apache/felix/org.apache.felix.configadmin/*/*.jar
  "$sys"/org/apache/felix/org.apache.felix.scr/*/*.jar
  "$sys"/org/apache/felix/org.apache.felix.fileinstall/*/*.jar
  "$sys"/org/apache/felix/org.apache.felix.gogo.runtime/*/*.jar
  "$sys"/org/apache/felix/org.apache.felix.gogo.command/*/*.jar
  "$sys"/org/apache/felix/org.apache.felix.gogo.shell/*/*.jar
)
mkdir -p "$work/floor-classes" "$work/floor-config"
javac -d "$work/floor-classes" -cp "$image/lib/felix.jar" benchmarks/startup/BareFelix.java

# procs <pid>: the process and its children (bin/dmagent's supervisor and its JVM; the floor's JVM alone).
procs() { echo "$1"; pgrep -P "$1" || true; }

# run <name> <command...>: one start, ready, RSS, SIGTERM, exit; appends "ready_ms rss_mb stop_ms cpu_ms" to $work/<name>.
run() {
  local name=$1 out="$work/out.$1" fifo="$work/fifo" t0 t1 t2 t3 pid drain line ready=false rss cpu
  shift
  rm -f "$fifo"
  mkfifo "$fifo"
  t0=$EPOCHREALTIME
  "$@" </dev/null >"$fifo" 2>&1 &
  pid=$!
  pids+=("$pid")
  exec 3<"$fifo"
  # Blocking reads: no polling loop competes with the JVM for the 2 cores.
  while IFS= read -r line <&3; do
    echo "$line" >>"$out"
    case $line in *ready*) ready=true; break ;; esac
  done
  t1=$EPOCHREALTIME
  cpu=$(procs "$pid" | while read -r p; do cat "/proc/$p/stat"; done | awk '{c += $14 + $15} END {print c * 10}')
  # UNTIL: a later line to wait for before the RSS sample and the stop (the first start's archive).
  if [ -n "${UNTIL:-}" ] && $ready; then
    while IFS= read -r line <&3; do
      echo "$line" >>"$out"
      case $line in *"$UNTIL"*) break ;; esac
    done
  fi
  cat <&3 >>"$out" &
  drain=$!
  exec 3<&-
  $ready || { echo "$name died before ready:" >&2; cat "$out" >&2; exit 1; }
  sleep 1
  # bin/dmagent supervises the JVM as its child: the JVM's RSS is the figure compared with the floor's; the
  # supervisor's (a shell, its pages mostly shared with every other shell) is kept apart.
  rss=$(procs "$pid" | while read -r p; do [ "$(cat "/proc/$p/comm")" != java ] || cat "/proc/$p/status"; done | awk '/VmRSS/ {k += $2} END {printf "%.1f", k/1024}')
  [ "$(cat "/proc/$pid/comm")" = java ] || awk '/VmRSS/ {printf "%.1f\n", $2/1024}' "/proc/$pid/status" >>"$work/supervisor-rss"
  t2=$EPOCHREALTIME
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  t3=$EPOCHREALTIME
  wait "$drain" 2>/dev/null || true
  awk -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v rss="$rss" -v cpu="$cpu" \
    'BEGIN {printf "%d %s %d %d\n", (t1 - t0) * 1000, rss, (t3 - t2) * 1000, cpu}' >>"$work/$name"
}

run_floor() {
  rm -rf "$work/floor-cache"
  # shellcheck disable=SC2086
  run floor java $opts -Dfelix.fileinstall.dir="$work/floor-config" -Dfelix.fileinstall.poll=1000 \
    -Dfelix.fileinstall.noInitialDelay=true -cp "$image/lib/felix.jar:$work/floor-classes" \
    BareFelix "$work/floor-cache" "${floor_bundles[@]}"
}

first_start() { # first_start <name> <features>: a fresh copy of the image, started once, then once more
  local home="$work/agent-$1" until=""
  cp -r "$image" "$home"
  rm -rf "$home/data"
  sed -i "s/^features=.*/features=$2/" "$home/config/io.dmagent.runtime.cfg"
  # The first start writes the class-data archive once ready (the launcher, in its own JVM): wait for it. An image
  # from before that (IMAGE=, for "before" rows) makes it in the background after its second start instead.
  if [ "${DMAGENT_CDS:-on}" != off ] && grep -q RecordDynamicDumpInfo "$home/bin/dmagent"; then
    until="class-data archive"
  fi
  UNTIL=$until DMAGENT_JAVA_OPTS="$opts" run "$1-first" "$home/bin/dmagent"
  DMAGENT_JAVA_OPTS="$opts" run "$1-second" "$home/bin/dmagent"
  if [ "${DMAGENT_CDS:-on}" != off ]; then
    for _ in $(seq 600); do
      ls "$home"/data/cds/dmagent-*.jsa >/dev/null 2>&1 && break
      sleep 0.5
    done
    ls "$home"/data/cds/dmagent-*.jsa >/dev/null 2>&1 || { echo "no class-data archive made:" >&2; cat "$work/out.$1-first" "$home/data/cds/"* >&2; exit 1; }
  fi
}

run_agent() { # run_agent <name>: a restart of the set's copy
  DMAGENT_JAVA_OPTS="$opts" run "$1" "$work/agent-$1/bin/dmagent"
}

IFS=';' read -r -a set_list <<<"$sets"
names=(floor)
for s in "${set_list[@]}"; do names+=("${s%%=*}"); done
for n in "${names[@]}"; do : >"$work/$n"; done

load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before=$(load)
for s in "${set_list[@]}"; do first_start "${s%%=*}" "${s#*=}"; done
for r in $(seq 0 $((rounds - 1))); do
  # Rotate the order: round r starts with the (r mod n)-th configuration.
  for k in $(seq 0 $((${#names[@]} - 1))); do
    i=$(((r + k) % ${#names[@]}))
    if [ "$i" -eq 0 ]; then
      run_floor
    else
      s=${set_list[$((i - 1))]}
      run_agent "${s%%=*}"
    fi
  done
done
load_after=$(load)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { cut -d' ' -f"$2" "$work/$1"; }
# ratio <name> <column>: the median over rounds of (agent / floor of the same round).
ratio() { paste -d' ' <(col "$1" "$2") <(col floor "$2") | awk '{printf "%.2f\n", $1/$2}' | median; }
# extra <name>: the median over rounds of (agent RSS - floor RSS).
extra() { paste -d' ' <(col "$1" 2) <(col floor 2) | awk '{printf "%.1f\n", $1-$2}' | median; }

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
  "$(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "Commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- bundles distribution || echo ' (+ local changes)')"
echo "JVM options: $opts; class-data archive of the agent: ${DMAGENT_CDS:-on} (the floor: the JDK's own)"
echo "Load average before: $load_before; after: $load_after"
echo
echo "| what (restart) | ready, median of $rounds (ms) | × floor | CPU to ready (ms) | × floor | RSS (MB) |" \
  "− floor (MB) | SIGTERM to exit (ms) |"
echo "|---|---|---|---|---|---|---|---|"
echo "| floor: bare Felix + SCR + ConfigAdmin + FileInstall + Gogo | $(col floor 1 | median) | 1 |" \
  "$(col floor 4 | median) | 1 | $(col floor 2 | median) | 0 | $(col floor 3 | median) |"
for s in "${set_list[@]}"; do
  n=${s%%=*}
  echo "| $n (${s#*=}) | $(col "$n" 1 | median) | $(ratio "$n" 1) | $(col "$n" 4 | median) | $(ratio "$n" 4) |" \
    "$(col "$n" 2 | median) | $(extra "$n") | $(col "$n" 3 | median) |"
done
echo
echo "First and second start of each set (empty data/, which also writes the class-data archive, then the first start"
echo "that maps it; one run each; ready_ms rss_mb stop_ms cpu_ms):"
for s in "${set_list[@]}"; do echo "${s%%=*}: $(cat "$work/${s%%=*}-first"); $(cat "$work/${s%%=*}-second")"; done
echo
[ ! -s "$work/supervisor-rss" ] || echo "RSS of bin/dmagent's supervisor (a shell; not in the table): median $(median <"$work/supervisor-rss") MB"
echo
echo "Raw (ready_ms rss_mb stop_ms cpu_ms per round):"
for n in "${names[@]}"; do echo "$n: $(tr '\n' ',' <"$work/$n")"; done
