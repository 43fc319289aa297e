#!/usr/bin/env bash
# Where the start's CPU goes (run by hand, never by the tests):
#   mvn -B -q package -DskipTests && benchmarks/startup/profile.sh [runs] [features]
# Copies the image, starts it once (which writes its class-data archive), then `runs` more times (default 4) with
# JDK Flight Recorder sampling Java stacks every millisecond until the ready line, and prints the share of samples
# per kind of work (a sample counts under the first kind, in the order below, that its stack shows). The compiler
# thread is not sampled, and the recorder's own work shows as "jfr": read the shares, not absolute times.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-4}
features=${2:-dm-core,dm-http}
image=${IMAGE:-distribution/target/dmagent}
[ -x "$image/bin/dmagent" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
pid=""
trap '[ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$image" "$work/agent"
rm -rf "$work/agent/data"
sed -i "s/^features=.*/features=$features/" "$work/agent/config/io.dmagent.runtime.cfg"
sed 's#<setting name="period" control="method-sampling-java-interval">[^<]*<#<setting name="period" control="method-sampling-java-interval">1 ms<#' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" >"$work/sampling.jfc"
opts=$(sed -n 's/^DEFAULT_OPTS="\(.*\)"$/\1/p' "$image/bin/dmagent" | head -1)

# start <until> [extra JVM options]: one start, stopped once a line contains <until>.
start() {
  local until=$1
  shift
  mkfifo "$work/fifo"
  DMAGENT_JAVA_OPTS="$opts $*" "$work/agent/bin/dmagent" </dev/null >"$work/fifo" 2>&1 &
  pid=$!
  while IFS= read -r line; do case $line in *"$until"*) break ;; esac; done <"$work/fifo"
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
  rm -f "$work/fifo"
}
start "class-data archive"
for r in $(seq "$runs"); do
  start "DM Agent ready" "-XX:StartFlightRecording=filename=$work/run$r.jfr,settings=$work/sampling.jfc"
  jfr print --events jdk.ExecutionSample --stack-depth 96 "$work/run$r.jfr" >>"$work/samples.txt"
done
python3 - "$work/samples.txt" <<'PY'
import collections, re, sys
kinds = [  # (kind, any of these in the stack)
    ("jfr (the recorder itself)", ["jdk.jfr"]),
    ("class loading (bundles' and the JDK's)", ["loadClass", "defineClass", "findClass"]),
    ("XML (SCR's component descriptors, features.xml)", ["xerces", "javax.xml"]),
    ("lambdas and method handles spun", ["java.lang.invoke"]),
    ("bundle installation (cache copy, manifest)", ["installBundle"]),
    ("resolver", ["org.apache.felix.resolver", "resolveBundle"]),
    ("ConfigAdmin (and configuration plugins)", ["org.apache.felix.cm"]),
    ("MetaType", ["metatype"]),
    ("zip", ["java.util.zip"]),
]
samples = open(sys.argv[1]).read().split("jdk.ExecutionSample {")[1:]
count = collections.Counter()
for s in samples:
    frames = re.findall(r"^\s+([\w$.<>/]+)\(", s, re.M)
    text = " ".join(frames)
    kind = next((k for k, keys in kinds if any(key in text for key in keys)), None)
    if kind is None:
        ours = [f for f in frames if f.startswith("io.dmagent") and ".launcher.Main." not in f
                and ".runtime.FeatureManager." not in f]
        if ours:
            kind = "agent code: " + ".".join(ours[0].split(".")[:3])
        elif "org.apache.felix.scr" in text:
            kind = "SCR"
        elif "org.apache.felix.framework" in text:
            kind = "Felix framework"
        else:
            kind = "other: " + (".".join(frames[0].split(".")[:3]) if frames else "?")
    count[kind] += 1
total = len(samples)
print(f"{total} samples of Java stacks until ready")
for kind, n in count.most_common(25):
    print(f"{100 * n / total:5.1f} %  {kind}")
PY
