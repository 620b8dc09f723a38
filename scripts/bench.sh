#!/bin/sh
# Every benchmark of docs/performance.md in one run, each job against what bounds it on this machine, side by side.
# Builds the distribution and pond-bench (Maven profile 'bench'), then runs io.duckpond.bench.BenchSuite.
#   scripts/bench.sh                                  all jobs, defaults (about 30 minutes on 2 cores; ~8 GiB of disk)
#   scripts/bench.sh --jobs cold,history --runs 10    some jobs
#   scripts/bench.sh --jobs history --history 100000  the opt-in long history
# Jobs: cold large small writes history series memory. Sizes: --large-mib 1024 --memory-mib 2048 --small-files 10000
# --writes 1000 --history 10000 --versions 100 --rows 100000. --work DIR [pond-bench/target/bench] keeps the inputs
# and built histories between runs; results go to DIR/results.md. Cold-cache figures need root (drop_caches).
set -e
cd "$(dirname "$0")/.."
mvn -q -B -Pbench -DskipTests -Dstyle.color=never install -pl pond-bench -am
mvn -q -B -Pbench -pl pond-bench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cp=$(cat pond-bench/target/bench.classpath)
exec java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "pond-bench/target/classes:$cp" \
  io.duckpond.bench.BenchSuite "$@"
