#!/bin/sh
# SQL over a 100-version series (100 000 rows each) through 'pond cat --sql', against DuckDB's own read_parquet over
# the same Parquet files in the same run: warm in-process medians and cold whole-process medians, JVM start apart.
#   scripts/bench-series-query.sh [WORKDIR] [VERSIONS] [ROWS] [RUNS]      (WORKDIR is kept; rerun reuses its pond)
set -e
cd "$(dirname "$0")/.."
work=${1:-pond-bench/target/series-bench}
mvn -q -B -Pbench -DskipTests -Dstyle.color=never install -pl pond-bench -am
mvn -q -B -Pbench -pl pond-bench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cp=$(cat pond-bench/target/bench.classpath)
java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "pond-bench/target/classes:$cp" \
  io.duckpond.bench.SeriesQueryBench "$work" "${2:-100}" "${3:-100000}" "${4:-10}" pond-cli/target/pond-dist/bin/pond
