#!/usr/bin/env bash
# Times the shortest path of docs/EXTENDING.md as a new vendor runs it: a clean clone in an empty folder, the agent
# built and installed, examples/vendor-gateway copied and renamed to "zeta", built and tested against the image,
# dropped into a copy of the distribution, the MO and the command read from the running agent. Prints one line per
# step with the time, then what the agent answered.
#
#   examples/time-vendor-path.sh [repository [branch]]     (default: this clone, its current branch)
#
# Everything happens in a new folder under ${TMPDIR:-/tmp}. MAVEN_REPO_LOCAL=<folder> builds with a local Maven
# repository of its own (seed it with a copy of ~/.m2/repository to stay offline) so that `mvn install` does not
# replace the io.dmagent artifacts other builds on the machine use; MAVEN_ARGS adds options (e.g. -o).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
repo=${1:-$here}
branch=${2:-$(git -C "$here" rev-parse --abbrev-ref HEAD)}
work=$(mktemp -d "${TMPDIR:-/tmp}/vendor-path.XXXXXX")
mvn_cmd="mvn -B -q ${MAVEN_ARGS:-}${MAVEN_REPO_LOCAL:+ -Dmaven.repo.local=$MAVEN_REPO_LOCAL}"
step() { echo "=== $(date -u +%H:%M:%S) $*"; }
cd "$work"

step "0 clone"
git clone -q -b "$branch" "$repo" dmagent
step "1 build the agent: mvn install -DskipTests"
(cd dmagent && $mvn_cmd install -DskipTests)

step "2 copy the example and rename it"
cp -r dmagent/examples/vendor-gateway zeta-gateway && rm -rf zeta-gateway/target && cd zeta-gateway
grep -rl -e acme -e Acme -e ACME . | xargs sed -i -e 's/acme/zeta/g' -e 's/Acme/Zeta/g' -e 's/ACME/ZETA/g'
mv src/main/java/com/acme src/main/java/com/zeta
mv src/test/java/com/acme src/test/java/com/zeta
mv src/main/features/acme-gateway.xml src/main/features/zeta-gateway.xml

step "3 build and test the extension, in the distribution too: mvn verify"
$mvn_cmd verify -Ddmagent.image="$work/dmagent/distribution/target/dmagent"

step "4 drop it into a distribution"
cp -r "$work/dmagent/distribution/target/dmagent" "$work/gateway"
D=$work/gateway
cp target/zeta-gateway-1.0.0.jar target/features/zeta-gateway.xml "$D/features/"
sed -i 's/^features=.*/&,zeta-gateway/' "$D/config/io.dmagent.runtime.cfg"
echo 23500 > "$work/cabinet-temp"
echo "sensorFile=$work/cabinet-temp" > "$D/config/com.zeta.gateway.cabinet.cfg"

step "5 start the gateway, read the MO and run the command"
"$D/bin/dmagent" > "$work/agent.log" 2>&1 &
agent=$!
trap 'kill $agent 2>/dev/null || true' EXIT
until grep -q "DM Agent ready" "$work/agent.log"; do
  kill -0 $agent 2>/dev/null || { cat "$work/agent.log"; exit 1; }
  sleep 0.5
done
grep "DM Agent ready" "$work/agent.log"
"$D/bin/dmagent" client dm:get ./Vendor/Zeta/Cabinet/Temperature
"$D/bin/dmagent" client zeta:cabinet
"$D/bin/dmagent" client "dm:tree ./Vendor/Zeta"
step "5 done (work folder: $work)"
