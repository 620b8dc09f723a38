#!/bin/sh
# Crash soak: SIGKILL pond copy/mkdir/rm/mv at random moments, hundreds of times, each trial in its own temp
# directory, checking after every kill that exit-0 transactions are intact and the killed one is all-or-nothing.
# Seeded (same seed, same trials), resumable (reruns continue after the last finished trial recorded in the state
# file), and time-boxed. Runs the same code as the default test run's CrashIT.
#
#   scripts/crash-soak.sh [KILLS] [SEED] [MINUTES]      defaults: 2000 kills, seed 20261128, 360 minutes
#   state: pond-e2e/target/crash-soak.state (delete it to start over); a failing trial's pond is kept in
#   pond-e2e/target/crash-failures/.
set -e
cd "$(dirname "$0")/.."
kills=${1:-2000}
seed=${2:-20261128}
minutes=${3:-360}
state="$(pwd)/pond-e2e/target/crash-soak.state"
mkdir -p "$(dirname "$state")"
mvn -q -B install -DskipTests -pl pond-cli -am
mvn -B verify -pl pond-e2e -Dit.test=CrashIT -Dcrash.kills="$kills" -Dcrash.seed="$seed" \
    -Dcrash.minutes="$minutes" -Dcrash.state="$state"
echo "trials recorded in $state: $(wc -l < "$state")"
awk '{print $3}' "$state" | sort | uniq -c
