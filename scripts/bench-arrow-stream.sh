#!/bin/sh
# The Java API at scale: 10 million rows streamed into a series as Arrow batches and read back as a stream, the
# Arrow allocator capped at 64 MiB and the heap at 256 MiB; prints rows/s and peak memory.
#   scripts/bench-arrow-stream.sh [ROWS]
set -e
cd "$(dirname "$0")/.."
mvn -q -B -Pbench -DskipTests install -pl pond-bench -am
mvn -q -B -Pbench -pl pond-bench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
java -Xmx256m --add-opens=java.base/java.nio=ALL-UNNAMED -cp "pond-bench/target/classes:$(cat pond-bench/target/bench.classpath)" \
  io.duckpond.bench.ArrowStreamBench "${1:-10000000}"
